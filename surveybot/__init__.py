"""surveybot: responsible-minerals supplier surveys through a mailbox and a Slack channel."""

__version__ = "0.1.0"
