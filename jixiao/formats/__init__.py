"""Files in and out: importers and exporters, each registered in :mod:`.registry`.

The core knows nothing of files; this layer turns bytes into core forms and back.
"""
