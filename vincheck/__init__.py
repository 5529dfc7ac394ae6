"""vincheck: check VIN rubbings and vehicle exterior photos against the registration rules."""

__version__ = "0.1.0"
