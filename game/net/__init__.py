"""Shared rooms on NATS with JetStream: room host, clients, mind workers (docs/shared-rooms.md)."""
