"""The map dock (issue 12): the town's grids, the queue's tickets and the video channels on a
QGraphicsView in Web Mercator scene coordinates (core/map_projection.py); no web engine.

view.py   MapView: the scene, its layers, pan/zoom, clicks, rectangle selection, pick mode.
layers.py the painted layers (grid polygons, clustered ticket points, camera marks).
clusters.py screen-space binning of the points (numpy, Qt-free).
dock.py   MapDock: toolbar, legend and the jobs that read services/map_points.py.
"""
