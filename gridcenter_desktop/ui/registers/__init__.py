"""The registers' window (台账: 特殊群体, 出租房屋, 安全隐患) over services/registers/."""
