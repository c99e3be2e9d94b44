"""Running jixiao in production: request ids in every log line, logs as JSON, the server-error
page with the id a user can quote, and the health probes (``/healthz``, ``/readyz``)."""
