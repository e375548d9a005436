"""Running a server: schema upgrades, backups, moving to PostgreSQL and request logs."""
