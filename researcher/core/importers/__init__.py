"""Importers: prospects from CSV and vCard, interactions from mail and calendar files."""
