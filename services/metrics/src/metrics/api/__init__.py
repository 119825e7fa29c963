"""The HTTP side: JSON API, Server-Sent Events, Prometheus figures, the dashboard."""
