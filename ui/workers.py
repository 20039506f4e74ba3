"""The app's one worker mechanism: core calls run off the UI thread, results come back as signals.

Every replica or network call a screen makes goes through `run()`: the callable runs in a
QThreadPool and its result (or exception) is delivered on the UI thread through the `Task`'s
signals. Core callbacks fired from the core's own threads (sync progress, connectivity) are
brought onto the UI thread with `ui_callback()`.

Why the indirection through one long-lived dispatcher: a worker thread never holds a reference
to a `Task` (a QObject living on the UI thread), so a `Task` is only ever created, delivered and
destroyed on the UI thread, and a screen closed while its query runs simply never hears back.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import (
    SIGNAL,
    QCoreApplication,
    QObject,
    QRunnable,
    QThread,
    QThreadPool,
    Signal,
    SignalInstance,
    Slot,
)

log = logging.getLogger(__name__)

__all__ = ["Task", "in_flight", "pool", "run", "ui_callback", "unhandled_errors", "wait_idle"]


class Task(QObject):
    """One call running in the pool; emits exactly one of succeeded/failed, then finished.

    Nothing is emitted once the task is cancelled or once its owner (a widget) is destroyed.
    """

    succeeded = Signal(object)
    failed = Signal(object)  # the exception raised by the callable
    finished = Signal()

    def __init__(self, name: str, owner: QObject | None) -> None:
        super().__init__()
        self.name = name
        self._owner = owner
        self._cancelled = threading.Event()
        if owner is not None:
            owner.destroyed.connect(self.cancel)

    @property
    def cancel_requested(self) -> threading.Event:
        """Set when the result is no longer wanted; a long callable may poll it and stop early."""
        return self._cancelled

    @Slot()
    def cancel(self) -> None:
        """Drop the result: none of the signals will be emitted."""
        self._cancelled.set()

    def is_cancelled(self) -> bool:
        return self._cancelled.is_set()

    def _deliver(self, ok: bool, payload: object) -> None:
        if self._cancelled.is_set():
            return
        if self._owner is not None and not shiboken6.isValid(self._owner):
            return
        if ok:
            self.succeeded.emit(payload)
        else:
            self.failed.emit(payload)
        if not self._cancelled.is_set():
            self.finished.emit()


class _Dispatcher(QObject):
    """Lives on the UI thread for the whole process; worker threads only ever emit on it."""

    # One Python object per report: a bool argument through a queued PySide signal has been
    # seen to corrupt the refcount of True/False at interpreter exit.
    report = Signal(object)  # (task id, ok, payload)
    call = Signal(int, object)  # callback key, args
    unhandled = Signal(str, object)  # task name, exception

    def __init__(self) -> None:
        super().__init__()
        self.tasks: dict[int, Task] = {}
        # Callbacks stay here, on the UI thread: worker threads only ever pass a key.
        self.callbacks: dict[int, tuple[Callable[..., Any], QObject | None]] = {}
        self.report.connect(self._on_report)
        self.call.connect(self._on_call)

    @Slot(object)
    def _on_report(self, report: tuple[int, bool, object]) -> None:
        task_id, ok, payload = report
        task = self.tasks.pop(task_id, None)
        if task is None:
            return
        listens = task.receivers(SIGNAL("failed(PyObject)")) > 0
        if not ok and not listens and not task.is_cancelled():
            self.unhandled.emit(task.name, payload)
        task._deliver(ok, payload)

    @Slot(int, object)
    def _on_call(self, key: int, args: tuple) -> None:
        entry = self.callbacks.get(key)
        if entry is None:
            return
        callback, owner = entry
        if owner is not None and not shiboken6.isValid(owner):
            self.callbacks.pop(key, None)
            return
        callback(*args)

    def forget(self, key: int) -> None:
        self.callbacks.pop(key, None)


class _Job(QRunnable):
    def __init__(self, task_id: int, fn: Callable[..., Any], args: tuple, kwargs: dict) -> None:
        super().__init__()
        self._task_id = task_id
        self._fn = fn
        self._args = args
        self._kwargs = kwargs

    def run(self) -> None:
        try:
            result = self._fn(*self._args, **self._kwargs)
        except Exception as exc:  # delivered to the UI as a value, never lost in a thread
            log.debug("task %s failed", self._task_id, exc_info=True)
            _emit_report(self._task_id, False, exc)
        else:
            _emit_report(self._task_id, True, result)
        finally:
            self._fn = self._args = self._kwargs = None  # type: ignore[assignment]


_dispatcher: _Dispatcher | None = None
_pool: QThreadPool | None = None
_ids = itertools.count(1)


def _emit_report(task_id: int, ok: bool, payload: object) -> None:
    dispatcher = _dispatcher
    if dispatcher is not None and shiboken6.isValid(dispatcher):
        dispatcher.report.emit((task_id, ok, payload))


def _require_ui_thread() -> _Dispatcher:
    global _dispatcher
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("ui.workers needs a QApplication")
    if QThread.currentThread() is not app.thread():
        raise RuntimeError("ui.workers.run() is called from the UI thread only")
    if _dispatcher is None or not shiboken6.isValid(_dispatcher):
        _dispatcher = _Dispatcher()
    return _dispatcher


def pool() -> QThreadPool:
    """The app's thread pool (separate from Qt's global one so tests can wait for it alone)."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(max(2, min(4, QThread.idealThreadCount())))
    return _pool


def run(
    fn: Callable[..., Any],
    *args: Any,
    owner: QObject | None = None,
    on_result: Callable[[Any], Any] | None = None,
    on_error: Callable[[BaseException], Any] | None = None,
    name: str | None = None,
    **kwargs: Any,
) -> Task:
    """Run `fn(*args, **kwargs)` in the pool; return the Task whose signals bring the outcome.

    `owner`: a QObject (usually the screen) whose destruction cancels the delivery.
    An error nobody listens for goes to `unhandled_errors()` (the main window shows it).
    """
    dispatcher = _require_ui_thread()
    task_id = next(_ids)
    task = Task(name or str(getattr(fn, "__qualname__", repr(fn))), owner)
    if on_result is not None:
        task.succeeded.connect(on_result)
    if on_error is not None:
        task.failed.connect(on_error)
    dispatcher.tasks[task_id] = task
    pool().start(_Job(task_id, fn, args, kwargs))
    return task


def ui_callback(fn: Callable[..., Any], *, owner: QObject | None = None) -> Callable[..., None]:
    """A thread-safe function that, called from any thread, runs `fn(*args)` on the UI thread.

    Used to hand the core (which knows nothing of Qt) callbacks such as sync progress.
    Nothing happens once `owner` is destroyed.
    """
    dispatcher = _require_ui_thread()
    key = next(_ids)
    dispatcher.callbacks[key] = (fn, owner)
    if owner is not None:
        owner.destroyed.connect(lambda *_: dispatcher.forget(key))

    def post(*args: Any) -> None:
        if shiboken6.isValid(dispatcher):
            dispatcher.call.emit(key, args)

    return post


def unhandled_errors() -> SignalInstance:
    """Signal(str task_name, object exception) for failures no caller listened to."""
    return _require_ui_thread().unhandled


def in_flight() -> int:
    """Tasks started and not yet delivered (or dropped)."""
    return len(_dispatcher.tasks) if _dispatcher is not None else 0


def wait_idle(timeout_ms: int = 5000) -> bool:
    """Process events until every task is delivered; False if the timeout passed first.

    For tests, the screenshot run and shutdown; screens never wait.
    """
    from PySide6.QtCore import QDeadlineTimer, QEventLoop

    _require_ui_thread()
    deadline = QDeadlineTimer(timeout_ms)
    while True:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        if in_flight() == 0:
            return True
        if deadline.hasExpired():
            return False
        pool().waitForDone(10)
