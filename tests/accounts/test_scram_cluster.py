import pytest
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from gridcenter_desktop.db.engine import make_engine
from gridcenter_desktop.services import sign_in, users
from gridcenter_desktop.services.errors import ValidationError

pytestmark = pytest.mark.pg


def test_the_server_checks_the_password(scram_server, scram_db):
    owner = make_engine(scram_server.owner_url(scram_db.rsplit("/", 1)[1]))
    with Session(owner) as s:
        users.create_first_admin(s, "chief", "站长", "Chief-pass-2026")
    owner.dispose()
    signed = sign_in.sign_in(scram_db, "chief", "Chief-pass-2026", workstation="t")
    signed.engine.dispose()
    with pytest.raises(ValidationError) as err:
        sign_in.sign_in(scram_db, "chief", "Wrong-pass-2026", workstation="t")
    assert err.value.rule == "wrong_password"


def test_debug(scram_server, scram_db):
    import psycopg
    from sqlalchemy import text
    owner = make_engine(scram_server.owner_url(scram_db.rsplit("/", 1)[1]))
    with Session(owner) as s:
        users.create_first_admin(s, "chief", "站长", "Chief-pass-2026")
    with owner.connect() as c:
        print(c.execute(text("select rolname, rolvaliduntil::text, rolcanlogin, rolpassword from pg_authid where rolname like 'gc_scram%'")).all())
    name = scram_db.rsplit("/", 1)[1]
    try:
        psycopg.connect(host="127.0.0.1", port=scram_server.port, user=f"{name}.chief", password="Chief-pass-2026", dbname=name)
    except Exception as e:
        print("direct", e)
    assert 0
