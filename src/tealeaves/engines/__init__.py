"""Engines that run the pipeline over many documents: local processes and Ray."""
