"""The pages before the frame: signing in, and the lock (password or PIN) after inactivity."""
