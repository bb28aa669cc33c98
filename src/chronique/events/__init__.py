"""Events stage: triggers to CAMEO/PLOVER codes, with source, target, date, place, modality."""
from .code import find_events

__all__ = ["find_events"]
