"""The Cart section: the cart of the customer being served (and the others kept on the
device), the checkout, the order's confirmation with its pickup QR and ticket, and the payment
link's QR code."""

from ui.cart.checkout import CheckoutScreen
from ui.cart.confirmation import ConfirmationScreen, PaymentLinkScreen
from ui.cart.screen import CartScreen

SCREENS = (CartScreen, CheckoutScreen, ConfirmationScreen, PaymentLinkScreen)

__all__ = ["SCREENS", "CartScreen", "CheckoutScreen", "ConfirmationScreen",
           "PaymentLinkScreen"]
