"""Writers of files people open: the campaign report workbook, its charts, the company's declaration.

Thin adapters: they lay out records computed elsewhere (``rmi.analysis``) and know only their file
format. Each returns bytes, so the CLI writes them to a folder and Slack uploads them unchanged.
"""
