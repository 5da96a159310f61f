"""Presentation: Streamlit pages and chart builders over the curated model."""
