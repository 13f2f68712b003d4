"""Logistics models: events and posts, warehouse stock and its ledger, requests and handovers."""

from sigap.logistics.models.events import (
    DisasterEvent,
    DisasterKind,
    EmergencyStatus,
    EventRegion,
    Posko,
    StatusKind,
)
from sigap.logistics.models.requests import (
    Dispatch,
    DispatchLine,
    DispatchStatus,
    Handover,
    LogisticsRequest,
    RequesterKind,
    RequestLine,
    RequestStatus,
    Step,
    StepRecord,
)
from sigap.logistics.models.stock import (
    Item,
    ItemCategory,
    Lot,
    MovementKind,
    StockMovement,
    StockReceipt,
    StockSource,
    Warehouse,
)

__all__ = [
    "DisasterEvent",
    "DisasterKind",
    "Dispatch",
    "DispatchLine",
    "DispatchStatus",
    "EmergencyStatus",
    "EventRegion",
    "Handover",
    "Item",
    "ItemCategory",
    "LogisticsRequest",
    "Lot",
    "MovementKind",
    "Posko",
    "RequestLine",
    "RequestStatus",
    "RequesterKind",
    "StatusKind",
    "Step",
    "StepRecord",
    "StockMovement",
    "StockReceipt",
    "StockSource",
    "Warehouse",
]
