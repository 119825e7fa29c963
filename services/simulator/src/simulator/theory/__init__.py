"""Queueing theory to check the platform's numbers against: Erlang A (M/M/N+M) and Erlang C
(M/M/N), exact, under the platform's own definitions of ASA, service level and abandon rate."""

from simulator.theory.erlang_a import queue_figures
from simulator.theory.model import QueueFigures, QueueModel, Thresholds

__all__ = ["QueueFigures", "QueueModel", "Thresholds", "queue_figures"]
