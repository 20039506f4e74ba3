"""The Client book section (managers): the store's clients, filtered and sorted, named lists,
assignment to sellers, follow-ups and the CSV export."""

from ui.client_book.screen import ClientBookScreen

SCREENS = (ClientBookScreen,)

__all__ = ["SCREENS", "ClientBookScreen"]
