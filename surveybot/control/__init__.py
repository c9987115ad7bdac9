"""Staff commands against a running service: the control socket, its protocol and its operations."""
