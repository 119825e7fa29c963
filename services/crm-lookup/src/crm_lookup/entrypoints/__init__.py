"""How clients reach crm-lookup: the REST admin API and the gRPC lookup API."""
