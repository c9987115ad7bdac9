"""Block Kit renderings of command results, reminder waves and channel notices (pure functions)."""
