"""Idempotency keys: an action whose COMMIT answer was lost is retried with the same key and
applied exactly once; a key already used answers with the first result."""

from __future__ import annotations

import contextlib
import random
import socket
import struct
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import sessionmaker

from gridcenter_desktop.core.enums import EventAction
from gridcenter_desktop.db.settings import ActionKey
from gridcenter_desktop.db.ticket import Ticket, TicketEvent
from gridcenter_desktop.services import tickets as svc
from gridcenter_desktop.services.errors import ConflictError


def _events(world, ticket_id: int, action: EventAction) -> int:
    with world.sf() as s:
        return s.scalar(
            select(func.count())
            .select_from(TicketEvent)
            .where(TicketEvent.ticket_id == ticket_id, TicketEvent.action == action)
        )


def test_a_key_used_again_returns_the_first_result_without_acting_twice(world):
    ref = world.register()
    key = str(uuid.uuid4())
    first = world.call(svc.urge_ticket, ref, idempotency_key=key)
    # The desk did not hear the answer and sends the same gesture again (with the old version).
    again = world.call(svc.urge_ticket, ref, idempotency_key=key)
    assert again == first
    assert _events(world, ref.id, EventAction.URGE) == 1
    assert world.ticket(ref.id).urge_count == 1

    register_key = str(uuid.uuid4())
    with world.sf() as s:
        one = svc.register_ticket(
            s, world.operator, world.form(), world.now, idempotency_key=register_key
        )
    with world.sf() as s:
        two = svc.register_ticket(
            s, world.operator, world.form(), world.now, idempotency_key=register_key
        )
    assert one == two


def test_a_commit_whose_answer_is_lost_is_retried_and_applied_once(world):
    """The COMMIT lands on the server, then the connection breaks before the answer comes
    back: the service retries on a fresh connection, finds its key and returns the result."""
    ref = world.register()
    key = str(uuid.uuid4())
    with world.sf() as s:
        broken = {"done": False}
        real_commit = s.commit

        def commit_then_lose_the_answer():
            real_commit()
            if not broken["done"]:
                broken["done"] = True
                raise OperationalError(
                    "COMMIT",
                    None,
                    Exception("server closed the connection"),
                    connection_invalidated=True,
                )

        s.commit = commit_then_lose_the_answer
        result = svc.urge_ticket(
            s, world.operator, ref.id, ref.version, now=world.now, idempotency_key=key
        )
    assert broken["done"]
    assert result.version == ref.version + 1
    assert _events(world, ref.id, EventAction.URGE) == 1


def test_without_a_key_a_lost_answer_is_reported_not_guessed(world):
    ref = world.register()
    with world.sf() as s:
        real_commit = s.commit

        def commit_then_lose_the_answer():
            real_commit()
            raise OperationalError("COMMIT", None, Exception("gone"), connection_invalidated=True)

        s.commit = commit_then_lose_the_answer
        with pytest.raises(OperationalError):
            svc.urge_ticket(s, world.operator, ref.id, ref.version, now=world.now)


WORKERS = 4
ACTIONS_EACH = 40
TICKETS = 4


@pytest.mark.pg
def test_connections_killed_during_work_lose_and_double_nothing(pg_world):
    """Workers urge tickets and register new ones with keys while another thread terminates
    their server connections (pg_terminate_backend), aiming at COMMITs in flight: every
    action is applied exactly once."""
    world = pg_world
    refs = [world.register() for _ in range(TICKETS)]
    url = world.sf.kw["bind"].url
    app_name = f"gc_chaos_{uuid.uuid4().hex[:8]}"
    engine = create_engine(
        url, pool_pre_ping=True, connect_args={"application_name": app_name}, pool_size=WORKERS
    )
    sf = sessionmaker(engine, expire_on_commit=False)
    stop = threading.Event()
    kills = Counter()
    planned: list[tuple[str, str, int | None]] = []  # (key, kind, ticket id)
    lock = threading.Lock()

    def killer():
        conn = psycopg.connect(
            url.set(drivername="postgresql").render_as_string(hide_password=False), autocommit=True
        )
        rng = random.Random(7)
        try:
            while not stop.is_set():
                rows = conn.execute(
                    "SELECT pid, query FROM pg_stat_activity WHERE application_name = %s"
                    " AND state = 'active'",
                    (app_name,),
                ).fetchall()
                for pid, query in rows:
                    during_commit = query.strip().upper() == "COMMIT"
                    if during_commit or rng.random() < 0.05:
                        conn.execute("SELECT pg_terminate_backend(%s)", (pid,))
                        kills["commit" if during_commit else "other"] += 1
                time.sleep(0.002)
        finally:
            conn.close()

    errors: list[str] = []

    def worker(index: int):
        try:
            work(index)
        except Exception as exc:  # judged by the test: a desk must never see one
            errors.append(repr(exc))

    def work(index: int):
        rng = random.Random(index)
        with sf() as session:
            for n in range(ACTIONS_EACH):
                key = str(uuid.uuid4())
                register = n % 5 == 0
                target = None if register else refs[rng.randrange(TICKETS)].id
                with lock:
                    planned.append((key, "register" if register else "urge", target))
                # The desk repeats the gesture with the same key until it has an answer.
                while True:
                    try:
                        if register:
                            svc.register_ticket(
                                session,
                                world.operator,
                                world.form(title=f"断线重试登记 {key}"),
                                world.now,
                                idempotency_key=key,
                            )
                        else:
                            version = session.scalar(
                                select(Ticket.version).where(Ticket.id == target)
                            )
                            session.rollback()
                            svc.urge_ticket(
                                session,
                                world.operator,
                                target,
                                version,
                                now=world.now,
                                idempotency_key=key,
                            )
                        break
                    except ConflictError:
                        continue
                    except OperationalError:
                        session.rollback()  # retries used up while the server was away

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(WORKERS)]
    chaos = threading.Thread(target=killer)
    chaos.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    stop.set()
    chaos.join()
    engine.dispose()

    assert errors == []
    assert sum(kills.values()) > 0
    urges = Counter(target for _key, kind, target in planned if kind == "urge")
    with world.sf() as s:
        stored = set(s.scalars(select(ActionKey.key)))
        assert stored >= {key for key, _kind, _target in planned}
        for ticket_id in (r.id for r in refs):
            assert _events(world, ticket_id, EventAction.URGE) == urges[ticket_id]
            assert s.get(Ticket, ticket_id).urge_count == urges[ticket_id]
        for key, kind, _target in planned:
            if kind == "register":
                titles = s.scalar(
                    select(func.count())
                    .select_from(Ticket)
                    .where(Ticket.title == f"断线重试登记 {key}")
                )
                assert titles == 1, key
        terminated = s.execute(text("SELECT 1")).scalar()
    assert terminated == 1
    print(f"kills: {dict(kills)}")


class AnswerLosingProxy:
    """A TCP relay to the PostgreSQL server that, for every ``every``-th COMMIT, lets the
    COMMIT through and then cuts the connection instead of passing the server's answer back:
    the transaction is committed, the desk cannot know it."""

    def __init__(self, host: str, port: int, every: int) -> None:
        self._upstream = (host, port)
        self._every = every
        self._commits = 0
        self.lost_answers = 0
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self) -> None:
        self._listener.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            server = socket.create_connection(self._upstream)
            state = {"lose_next_answer": False}
            threading.Thread(
                target=self._to_server, args=(client, server, state), daemon=True
            ).start()
            threading.Thread(
                target=self._to_client, args=(server, client, state), daemon=True
            ).start()

    @staticmethod
    def _read(sock: socket.socket, n: int) -> bytes:
        data = b""
        while len(data) < n:
            chunk = sock.recv(n - len(data))
            if not chunk:
                raise OSError("closed")
            data += chunk
        return data

    def _to_server(self, client, server, state) -> None:
        try:
            length = struct.unpack("!I", self._read(client, 4))[0]
            server.sendall(struct.pack("!I", length) + self._read(client, length - 4))
            while True:
                kind = self._read(client, 1)
                length = struct.unpack("!I", self._read(client, 4))[0]
                body = self._read(client, length - 4)
                if kind in (b"Q", b"P") and b"COMMIT" in body.upper():
                    with self._lock:
                        self._commits += 1
                        if self._commits % self._every == 0:
                            state["lose_next_answer"] = True
                server.sendall(kind + struct.pack("!I", length) + body)
        except OSError:
            pass
        finally:
            for sock in (client, server):
                sock.close()

    def _to_client(self, server, client, state) -> None:
        try:
            while True:
                data = server.recv(65536)
                if not data:
                    break
                if state["lose_next_answer"]:
                    with self._lock:
                        self.lost_answers += 1
                    break
                client.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (client, server):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()


@pytest.mark.pg
def test_commits_whose_answers_are_lost_are_applied_exactly_once(pg_world):
    """Every fourth COMMIT reaches the server but its answer never comes back: the service
    retries with the key, finds the action applied and hands back its result; no error, no
    double."""
    world = pg_world
    refs = [world.register() for _ in range(TICKETS)]
    url = world.sf.kw["bind"].url
    proxy = AnswerLosingProxy(url.host or "127.0.0.1", url.port or 5432, every=4)
    engine = create_engine(
        url.set(host="127.0.0.1", port=proxy.port),
        pool_pre_ping=True,
        connect_args={"sslmode": "disable", "gssencmode": "disable", "connect_timeout": 5},
    )
    sf = sessionmaker(engine, expire_on_commit=False)
    results: list[tuple[int, svc.TicketRef]] = []
    try:
        with sf() as session:
            for n in range(24):
                ref = refs[n % TICKETS]
                version = session.scalar(select(Ticket.version).where(Ticket.id == ref.id))
                session.rollback()
                results.append(
                    (
                        ref.id,
                        svc.urge_ticket(
                            session,
                            world.operator,
                            ref.id,
                            version,
                            now=world.now,
                            idempotency_key=str(uuid.uuid4()),
                        ),
                    )
                )
    finally:
        engine.dispose()
        proxy.close()
    assert proxy.lost_answers >= 5
    for ref in refs:
        assert _events(world, ref.id, EventAction.URGE) == 24 // TICKETS
        # Each answer, the recovered ones included, is the ticket as the action left it.
        versions = [r.version for tid, r in results if tid == ref.id]
        assert versions == list(range(ref.version + 1, ref.version + 1 + 24 // TICKETS))


@pytest.mark.pg
def test_the_same_key_sent_by_several_connections_at_once_is_applied_once(pg_world):
    """A desk whose retry overtakes its first attempt: every call answers with the one result."""
    world = pg_world
    ref = world.register()
    urge_key, register_key = str(uuid.uuid4()), str(uuid.uuid4())
    barrier = threading.Barrier(6)

    def send(kind):
        with world.sf() as s:
            barrier.wait()
            if kind == "urge":
                return svc.urge_ticket(
                    s, world.operator, ref.id, ref.version, now=world.now, idempotency_key=urge_key
                )
            return svc.register_ticket(
                s,
                world.operator,
                world.form(title="同一次登记"),
                world.now,
                idempotency_key=register_key,
            )

    for kind in ("urge", "register"):
        with ThreadPoolExecutor(6) as pool:
            answers = list(pool.map(send, [kind] * 6))
        assert len(set(answers)) == 1, answers
    assert _events(world, ref.id, EventAction.URGE) == 1
    with world.sf() as s:
        assert (
            s.scalar(select(func.count()).select_from(Ticket).where(Ticket.title == "同一次登记"))
            == 1
        )
