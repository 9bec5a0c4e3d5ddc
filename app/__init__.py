"""Alongside: a training simulator for peer specialists."""

__version__ = "0.1.0"
