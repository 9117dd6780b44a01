"""The Advanced Alchemy models that alchemy's fidelity tests use: every base,
mixin and custom type, declared as Advanced Alchemy's documentation shows.

They are the Python twin of `AutogenerateAdvancedAlchemyTests.models` (Swift):
the same tables, columns, types, server defaults, comments, keys, indexes and
constraints. `aa_create_all.py` creates them with `metadata.create_all`,
`aa_migrate.py` through Advanced Alchemy's own Alembic commands.

`IS_MYSQL` comes from the URL in `sys.argv[1]`: NanoID keys fail on MySQL/MariaDB
in Advanced Alchemy ("VARCHAR requires a length"), so those tables exist only on
the other databases, and a plain `String` needs a length there.
"""
import datetime
import sys
import uuid
from decimal import Decimal
from typing import Any, Optional

import sqlalchemy as sa
from sqlalchemy import ForeignKey, create_engine, text
from sqlalchemy import util as sa_util
from sqlalchemy.orm import Mapped, mapped_column

# Advanced Alchemy 1.12's JsonB calls `sqlalchemy.util.portable_instancemethod`, which
# SQLAlchemy 2.1 removed (the reference DDL was taken with 2.0). It only wraps the
# Oracle-only rule of a type-bound CHECK; a plain closure does the same here.
if not hasattr(sa_util, "portable_instancemethod"):
    def _portable_instancemethod(method: Any, kwargs: Any = ()) -> Any:
        bound = dict(kwargs)
        return lambda *args, **kw: method(*args, **{**bound, **kw})

    sa_util.portable_instancemethod = _portable_instancemethod

# Its JsonB's Oracle variant keeps its `impl` as a class, which SQLAlchemy 2.1's
# type repr (used when Alembic renders a revision) cannot print. Only Oracle uses it.
from advanced_alchemy.types.json import ORA_JSONB

if isinstance(getattr(ORA_JSONB, "impl", None), type):
    ORA_JSONB.__repr__ = lambda self: "ORA_JSONB()"  # type: ignore[method-assign]

from advanced_alchemy.base import (
    BigIntAuditBase,
    BigIntBase,
    IdentityAuditBase,
    IdentityBase,
    UUIDAuditBase,
    UUIDBase,
    UUIDv6AuditBase,
    UUIDv6Base,
    UUIDv7AuditBase,
    orm_registry,
)
from advanced_alchemy.base import DefaultBase, NanoIDAuditBase, NanoIDBase, UUIDv7Base
from advanced_alchemy.mixins import (
    AuditColumns,
    BigIntPrimaryKey,
    IdentityPrimaryKey,
    NanoIDPrimaryKey,
    SentinelMixin,
    SlugKey,
    UUIDPrimaryKey,
    UUIDv6PrimaryKey,
    UUIDv7PrimaryKey,
)
from advanced_alchemy.types.file_object import StorageBackend, storages
from advanced_alchemy.types import (
    GUID,
    DateTimeUTC,
    EncryptedString,
    EncryptedText,
    JsonB,
    PasswordHash,
    StoredObject,
)


def sqlalchemy_url(url: str) -> str:
    # alchemy URLs name the database; SQLAlchemy also wants the driver.
    for prefix, driver in (("postgresql://", "postgresql+psycopg://"), ("mariadb://", "mysql+pymysql://"), ("mysql://", "mysql+pymysql://")):
        if url.startswith(prefix):
            return driver + url[len(prefix):]
    return url


URL = sys.argv[1] if len(sys.argv) > 1 else "sqlite://"
IS_MYSQL = URL.startswith(("mariadb://", "mysql://"))
KEY = "0123456789abcdef0123456789abcdef"


class NoStorage(StorageBackend):
    """StoredObject columns name a storage backend, which Alembic's rendering of the
    revision looks up; DDL never stores a file."""

    def _unused(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError


for _method in NoStorage.__abstractmethods__:
    setattr(NoStorage, _method, NoStorage._unused)
NoStorage.__abstractmethods__ = frozenset()
if not storages.is_registered("local_store"):
    storages.register_backend(NoStorage(key="local_store", fs=None))


class NoHashing:
    """PasswordHash needs a hashing backend object; DDL never uses it."""


class Post(BigIntAuditBase):
    __tablename__ = "post"
    __table_args__ = {"comment": "Blog posts"}
    title: Mapped[str] = mapped_column(sa.String(255), index=True)
    content: Mapped[str] = mapped_column(sa.Text)
    published: Mapped[bool] = mapped_column(server_default="0")
    view_count: Mapped[int] = mapped_column(server_default="0", comment="times read")
    rating: Mapped[Optional[Decimal]] = mapped_column(sa.Numeric(5, 2))
    published_at: Mapped[Optional[datetime.datetime]] = mapped_column(DateTimeUTC(timezone=True), index=True)


class Tag(BigIntAuditBase, SlugKey):
    __tablename__ = "tag"
    name: Mapped[str] = mapped_column(sa.String(100), unique=True, index=True)


post_tag = sa.Table(
    "post_tag",
    orm_registry.metadata,
    sa.Column("post_id", ForeignKey("post.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("tag_id", ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True),
)


class UserAccount(UUIDv7AuditBase):
    __tablename__ = "user_account"
    __table_args__ = (
        sa.Index("ix_user_account_email_created", "email", "created_at"),
        sa.UniqueConstraint("email", "status", name="uq_user_account_email_status"),
        sa.CheckConstraint("email LIKE '%@%'", name="email_has_at"),
        {"comment": "People who sign in"},
    )
    email: Mapped[str] = mapped_column(sa.String(320), unique=True)
    secret: Mapped[str] = mapped_column(EncryptedString(key=KEY, length=255))
    notes: Mapped[Optional[str]] = mapped_column(EncryptedText(key=KEY))
    preferences: Mapped[Optional[dict[str, Any]]] = mapped_column(JsonB)
    avatar: Mapped[Optional[Any]] = mapped_column(StoredObject(backend="local_store"))
    photos: Mapped[Optional[Any]] = mapped_column(StoredObject(backend="local_store", multiple=True))
    password: Mapped[Optional[str]] = mapped_column(PasswordHash(backend=NoHashing(), length=128))
    status: Mapped[str] = mapped_column(sa.Enum("active", "disabled", name="user_status"), server_default="active")
    last_seen: Mapped[Optional[datetime.datetime]] = mapped_column(DateTimeUTC(timezone=True))
    external_id: Mapped[Optional[uuid.UUID]] = mapped_column(GUID)
    legacy_id: Mapped[Optional[uuid.UUID]] = mapped_column(GUID(binary=False))
    raw_id: Mapped[Optional[uuid.UUID]] = mapped_column(GUID(binary=True))
    motto: Mapped[Optional[str]] = mapped_column(sa.String(100), server_default="it's", comment="the user's motto")
    joined: Mapped[datetime.datetime] = mapped_column(sa.DateTime, server_default=text("CURRENT_TIMESTAMP"))


class Session(UUIDAuditBase):
    __tablename__ = "session"
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    token: Mapped[str] = mapped_column(sa.String(64), unique=True, index=True)


class Device(UUIDBase):
    __tablename__ = "device"
    owner_id: Mapped[Optional[uuid.UUID]] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    label: Mapped[str] = mapped_column(sa.String(50))


class Event(UUIDv6AuditBase):
    __tablename__ = "event"
    kind: Mapped[str] = mapped_column(sa.String(20))
    payload: Mapped[Optional[Any]] = mapped_column(sa.JSON)


class EventType(UUIDv6Base):
    __tablename__ = "event_type"
    name: Mapped[str] = mapped_column(sa.String(50))


class AuditEntry(IdentityAuditBase):
    __tablename__ = "audit_entry"
    action: Mapped[str] = mapped_column(sa.String(50))


class Counter(IdentityBase):
    __tablename__ = "counter"
    value: Mapped[int] = mapped_column(sa.BigInteger, server_default="1")


class Legacy(BigIntBase):
    __tablename__ = "legacy"
    code: Mapped[str] = mapped_column(sa.String(10), unique=True)


class EveryType(BigIntBase):
    __tablename__ = "every_type"
    c_int: Mapped[Optional[int]] = mapped_column(sa.Integer)
    c_big: Mapped[Optional[int]] = mapped_column(sa.BigInteger)
    c_small: Mapped[Optional[int]] = mapped_column(sa.SmallInteger)
    c_bool: Mapped[Optional[bool]] = mapped_column(sa.Boolean)
    c_str: Mapped[Optional[str]] = mapped_column(sa.String(255))
    c_str_plain: Mapped[Optional[str]] = mapped_column(sa.String(40) if IS_MYSQL else sa.String())
    c_text: Mapped[Optional[str]] = mapped_column(sa.Text)
    c_float: Mapped[Optional[float]] = mapped_column(sa.Float)
    c_double: Mapped[Optional[float]] = mapped_column(sa.Double)
    c_num: Mapped[Optional[Decimal]] = mapped_column(sa.Numeric(10, 2))
    c_date: Mapped[Optional[datetime.date]] = mapped_column(sa.Date)
    c_time: Mapped[Optional[datetime.time]] = mapped_column(sa.Time)
    c_dt: Mapped[Optional[datetime.datetime]] = mapped_column(sa.DateTime)
    c_dttz: Mapped[Optional[datetime.datetime]] = mapped_column(sa.DateTime(timezone=True))
    c_interval: Mapped[Optional[datetime.timedelta]] = mapped_column(sa.Interval)
    c_bin: Mapped[Optional[bytes]] = mapped_column(sa.LargeBinary)
    c_json: Mapped[Optional[Any]] = mapped_column(sa.JSON)
    c_uuid: Mapped[Optional[uuid.UUID]] = mapped_column(sa.Uuid)
    c_enum: Mapped[Optional[str]] = mapped_column(sa.Enum("a", "b", name="kind"))
    c_flag: Mapped[bool] = mapped_column(sa.Boolean, server_default=sa.false())
    c_ratio: Mapped[float] = mapped_column(sa.Float, server_default="0.5")
    c_label: Mapped[str] = mapped_column(sa.String(30), server_default="n/a")


class Note(UUIDv7Base):
    __tablename__ = "note"
    body: Mapped[str] = mapped_column(sa.Text)


class Setting(DefaultBase):
    """DefaultBase: no key of its own."""
    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(sa.String(50), primary_key=True)
    value: Mapped[Optional[str]] = mapped_column(sa.String(200))


# Each mixin on the plain base, as a team that picks its columns writes it.
class AuditedThing(DefaultBase, BigIntPrimaryKey, AuditColumns):
    __tablename__ = "m_audit"


class SlugThing(BigIntBase, SlugKey):
    __tablename__ = "m_slug"


class SentinelThing(DefaultBase, IdentityPrimaryKey, SentinelMixin):
    __tablename__ = "m_sentinel"


class UUIDThing(DefaultBase, UUIDPrimaryKey):
    __tablename__ = "m_uuid_pk"


class UUIDv6Thing(DefaultBase, UUIDv6PrimaryKey):
    __tablename__ = "m_uuid6_pk"


class UUIDv7Thing(DefaultBase, UUIDv7PrimaryKey):
    __tablename__ = "m_uuid7_pk"


if not IS_MYSQL:
    class ShortLink(NanoIDBase):
        __tablename__ = "short_link"
        target: Mapped[str] = mapped_column(sa.String(200))

    class ShortLinkAudit(NanoIDAuditBase):
        __tablename__ = "short_link_audit"
        target: Mapped[str] = mapped_column(sa.String(200))

    class NanoThing(DefaultBase, NanoIDPrimaryKey):
        __tablename__ = "m_nano_pk"
