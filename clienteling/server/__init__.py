"""The central API: FastAPI app, database models, services, migrations, import and demo data."""
