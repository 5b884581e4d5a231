"""Pages kept per viewer until a write: ``pages`` (what views and the middleware use) and
``writes`` (when the tables behind them were last written)."""
