"""RMI reporting templates (CMRT, EMRT, CRT, AMRT): safe intake, detection, reading and rules.

Pure domain code: no network, no mail, no Slack. It takes bytes and returns typed values, so the
same code serves the mail loop, the Slack bot and the ``surveybot check`` command.
"""
