"""The database cache table the API throttle shares between worker processes
(``CACHES["shared"]`` in the settings), made with the other tables by ``migrate``."""

from django.conf import settings
from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    tables = [
        cache["LOCATION"]
        for cache in settings.CACHES.values()
        if cache["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    ]
    if tables:
        call_command(
            "createcachetable", *tables, database=schema_editor.connection.alias, verbosity=0
        )


class Migration(migrations.Migration):
    dependencies = [("api", "0002_token_expiry_and_scope")]

    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop)]
