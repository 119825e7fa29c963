"""The IVR's adapters: flow files on disk, the router's gRPC API, Kafka."""
