"""Kafka and telephony providers, behind the ports the service layer names."""
