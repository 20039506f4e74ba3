"""The one worker mechanism: results and errors reach the UI thread, never a dead owner."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QLabel

from clienteling.domain.errors import DomainError
from ui import workers


def test_result_arrives_on_the_ui_thread(qtbot):
    seen: dict[str, object] = {}

    def compute(a: int, b: int) -> int:
        seen["thread"] = threading.get_ident()
        return a + b

    received: list[tuple[int, bool]] = []
    task = workers.run(compute, 2, 3, on_result=lambda value: received.append(
        (value, QThread.currentThread() is QApplication.instance().thread())))
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert received == [(5, True)]
    assert seen["thread"] != threading.get_ident()


def test_an_error_is_delivered_as_a_value(qtbot):
    def refuse() -> None:
        raise DomainError("card.check_digit")

    errors: list[BaseException] = []
    task = workers.run(refuse, on_error=errors.append)
    with qtbot.waitSignal(task.failed, timeout=5000) as blocker:
        pass
    assert isinstance(blocker.args[0], DomainError)
    assert [e.code for e in errors] == ["card.check_digit"]


def test_an_error_nobody_listens_to_is_reported(qtbot):
    def broken() -> None:
        raise DomainError("image.no_code")

    with qtbot.waitSignal(workers.unhandled_errors(), timeout=5000) as blocker:
        workers.run(broken, name="decode")
    assert blocker.args[0] == "decode"
    assert blocker.args[1].code == "image.no_code"


def test_nothing_reaches_an_owner_that_is_gone(qtbot):
    release = threading.Event()
    owner = QLabel()
    delivered: list[object] = []
    task = workers.run(lambda: release.wait(5) and "late", owner=owner,
                       on_result=delivered.append, on_error=delivered.append)
    owner.deleteLater()
    qtbot.waitUntil(lambda: task.is_cancelled(), timeout=5000)
    release.set()
    with qtbot.assertNotEmitted(task.finished, wait=50):
        assert workers.wait_idle(5000)
    assert delivered == []


def test_a_cancelled_task_stays_silent(qtbot):
    release = threading.Event()
    task = workers.run(lambda: release.wait(5))
    task.cancel()
    assert task.cancel_requested.is_set()
    release.set()
    with qtbot.assertNotEmitted(task.succeeded, wait=50):
        assert workers.wait_idle(5000)


def test_core_callbacks_from_any_thread_run_on_the_ui_thread(qtbot):
    owner = QLabel()
    calls: list[tuple[str, bool]] = []
    callback = workers.ui_callback(
        lambda text: calls.append(
            (text, QThread.currentThread() is QApplication.instance().thread())),
        owner=owner)
    threads = [threading.Thread(target=callback, args=(f"t{i}",)) for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(5)
    qtbot.waitUntil(lambda: len(calls) == 3, timeout=5000)
    assert all(on_ui for _, on_ui in calls)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(owner), timeout=5000)
    thread = threading.Thread(target=callback, args=("after",))
    thread.start()
    thread.join(5)
    workers.wait_idle(200)
    assert [text for text, _ in calls] == ["t0", "t1", "t2"] or sorted(
        text for text, _ in calls) == ["t0", "t1", "t2"]


def _alive(obj) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)


def test_run_refuses_other_threads(qtbot):
    failures: list[BaseException] = []

    def from_thread() -> None:
        try:
            workers.run(lambda: None)
        except RuntimeError as exc:
            failures.append(exc)

    thread = threading.Thread(target=from_thread)
    thread.start()
    thread.join(5)
    assert len(failures) == 1


@pytest.mark.parametrize("count", [50])
def test_many_tasks_all_arrive(qtbot, count):
    results: list[int] = []
    for i in range(count):
        workers.run(lambda i=i: i * i, on_result=results.append)
    assert workers.wait_idle(10_000)
    assert sorted(results) == sorted(i * i for i in range(count))


def test_the_installed_pyside_keeps_references_on_emit(qtbot):
    """PySide6 6.12.0 drops a reference to True on every emit; Python 3.11 then aborts."""
    import sys

    task = workers.Task("probe", None)
    before = sys.getrefcount(True)
    for _ in range(100):
        task.finished.emit()
    assert sys.getrefcount(True) - before > -50
