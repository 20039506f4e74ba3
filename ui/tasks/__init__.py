"""The Tasks section (every role): "my tasks" with done and snooze, "my clients" for a seller,
and the new task form a manager reaches from the client book or a customer's 360. The rail
shows how many of my open tasks are due today or earlier (`RAIL_BADGE`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui.tasks.my_clients import MyClientsScreen
from ui.tasks.new_task import TaskNewScreen
from ui.tasks.screen import TasksScreen

if TYPE_CHECKING:
    from clienteling.device import Device


def due_tasks(device: Device) -> int:
    """The rail's count (run in a worker): my open tasks due today or earlier."""
    return device.tasks.due_count()


SCREENS = (TasksScreen, TaskNewScreen, MyClientsScreen)
RAIL_BADGE = due_tasks

__all__ = ["RAIL_BADGE", "SCREENS", "MyClientsScreen", "TaskNewScreen", "TasksScreen"]
