"""How reports come in: HTTP webhooks for voice providers, gRPC for PBX and SBC adapters."""
