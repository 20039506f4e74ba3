"""Signed-in devices: listing them and revoking a lost one."""
