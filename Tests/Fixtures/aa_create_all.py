"""Creates a database the way an Advanced Alchemy user does without migrations:
the models below, then `metadata.create_all`.

Usage: aa_create_all.py URL

The models are the Python twin of `AutogenerateAdvancedAlchemyTests.models` (Swift):
the same tables, columns, types, server defaults, comments, keys, indexes and
constraints, declared with Advanced Alchemy's bases, mixins and types as its
documentation shows. alchemy's `check` must find nothing to change afterwards.
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
from advanced_alchemy.mixins import SlugKey
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


URL = sys.argv[1]
IS_MYSQL = URL.startswith(("mariadb://", "mysql://"))
KEY = "0123456789abcdef0123456789abcdef"


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


def main() -> None:
    engine = create_engine(sqlalchemy_url(URL))
    orm_registry.metadata.create_all(engine)
    engine.dispose()


if __name__ == "__main__":
    main()
