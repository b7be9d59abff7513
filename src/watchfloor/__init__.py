"""watchfloor: a workbench for analysts of extremist correspondence."""

__version__ = "0.1.0"
