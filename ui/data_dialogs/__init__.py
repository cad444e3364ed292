"""Your data is yours (issue 12): export, backup and restore, passphrase and recovery code,
removal, the report to share, and retention. The core is companion/portability and storage/backup."""
