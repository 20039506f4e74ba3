<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AppSession</name>
    <message>
        <source>Starting the demo…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing the demo database…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generating the demo chain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the demo data: %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the demo data: %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the demo accounts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting the demo server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out?</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) made on this device have not reached the server yet. They are kept here and sent when you sign in again.</source>
        <translation>
            <numerusform>%n change made on this device has not reached the server yet. It is kept here and sent when you sign in again.</numerusform>
            <numerusform>%n changes made on this device have not reached the server yet. They are kept here and sent when you sign in again.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stay signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing out…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CameraScanDialog</name>
    <message>
        <source>Scan a QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold the QR code or barcode in front of the camera.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No camera was found on this device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for a code…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The camera cannot be used: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CardQrDialog</name>
    <message>
        <source>Loyalty card of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QR code of the loyalty card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the loyalty card</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CartModel</name>
    <message>
        <source>%1 available: short</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At the pickup store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>short: not known here</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n available</source>
        <translation>
            <numerusform>%n available</numerusform>
            <numerusform>%n available</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CartScreen</name>
    <message>
        <source>Cart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cart lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One less</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lines short at the store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty the cart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carts on this device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No other cart is kept on this device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No customer is being served. Choose one, or open a cart kept on this device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the cart…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cart of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cart of %1 is empty. Scan a product, or add one from the product screen or the wishlist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Total %1 · %n item(s)</source>
        <translation>
            <numerusform>Total %1 · %n item</numerusform>
            <numerusform>Total %1 · %n items</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 asked, no stock figure here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 asked, %2 here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 available, %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2. Can come from %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2. No store has enough: lower the quantity.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Short at the store:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add to the cart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whose cart?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CartsModel</name>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Checkout</name>
    <message>
        <source>France</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Belgium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Luxembourg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switzerland</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monaco</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Standard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Express</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store courier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid at the till</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pay at pickup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment link (QR code for the customer&apos;s phone)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready for pickup today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready for pickup tomorrow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready for pickup on %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CheckoutScreen</name>
    <message>
        <source>Checkout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click and collect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Home delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collected at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pickup store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the customer&apos;s last address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address (continued)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the quote comes from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order lines and where they come from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery fee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the order is there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Short lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Till receipt number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Till receipt number (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm the order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkout: no customer is being served</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkout for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>within %n day(s)</source>
        <translation>
            <numerusform>within %n day</numerusform>
            <numerusform>within %n days</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 to %2 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The delivery methods are known once the device has been online: home delivery needs it once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking for the price and the date…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complete the address and the delivery method to see the price and the date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimated on this device (offline): the server confirms it when the order is sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price and date from the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery fee: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No fee: collected in store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivered by %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClientBook</name>
    <message>
        <source>Champions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loyal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Promising</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hibernating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifetime value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last purchase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Segment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seller #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assignment waiting to be sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClientBookScreen</name>
    <message>
        <source>Name, email, phone or card number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the client book</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved lists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Segment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any segment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last purchase from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last purchase to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spent at least</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spent at most</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channels used, at least</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMS consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assigned seller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any seller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client book status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seller to assign to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New follow-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client book</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An amount is not a number: check the spend fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filters (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved lists…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of the list:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List «%1» saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n client(s) assigned to %1</source>
        <translation>
            <numerusform>%n client assigned to %1</numerusform>
            <numerusform>%n clients assigned to %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Export the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>clients.csv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n client(s) exported</source>
        <translation>
            <numerusform>%n client exported</numerusform>
            <numerusform>%n clients exported</numerusform>
        </translation>
    </message>
    <message>
        <source>Export cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the client book…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No client matches these filters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No client in this store&apos;s book yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n client(s)</source>
        <translation>
            <numerusform>%n client</numerusform>
            <numerusform>%n clients</numerusform>
        </translation>
    </message>
    <message>
        <source>Counting the clients…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline: the book as last synced; assignments and exports are sent when the network is back</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConfirmationScreen</name>
    <message>
        <source>Order number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the order is there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reserved where</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the payment link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pickup code: the customer photographs it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pickup QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pickup code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order confirmed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting to be sent: the number and the pickup code are final; the stock is reserved when the order reaches the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the order: %1 See the Sync screen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the stock is reserved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To collect at %1 from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To collect at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivered to %1 by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivered to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — reserved at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — from %2 (reserved when sent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery fee %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid at the till</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To pay at pickup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment link: show its QR code to the customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this code at the counter to collect the order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No printer: the ticket is saved as %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictPanel</name>
    <message>
        <source>Conflicting changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone else changed this customer while you were editing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take the server&apos;s version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On the server</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <source>emails</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>text messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer agrees to receive %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer no longer wants %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the customer said so</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In person, in the store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On the phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On a signed form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsentHistory</name>
    <message>
        <source>in the store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on the phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on a signed form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>by email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on the web</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in the app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at enrolment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 withdrawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent history of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No consent was ever recorded for this customer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not recorded (imported)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent history</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <source>Edit contact details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Customer360</name>
    <message>
        <source>First name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Home store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for example %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most 100 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not an email address (name@example.com).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An email address cannot be removed here; correct it instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a phone number (for example 06 12 34 56 78).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A phone number cannot be removed here; correct it instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a date (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This date is not a possible birth date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in the store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on the phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on a signed form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>by email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on the web</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in the app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: withdrawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: not given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> on %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Customer360Screen</name>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add to wishlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order short of stock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orders, wishlist and timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loyalty card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the card&apos;s QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or print the card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit contact details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMS consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifetime value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last purchase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channels:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seller&apos;s notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No orders yet, on any channel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wishlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a product to the wishlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove from the wishlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add to cart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the wished product to the cart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing on the wishlist yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No interaction recorded yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the customer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer since %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n point(s)</source>
        <translation>
            <numerusform>%n point</numerusform>
            <numerusform>%n points</numerusform>
        </translation>
    </message>
    <message>
        <source>Card %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card number: issued when the enrolment is sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not one of this store&apos;s customers: fetched from the server and kept on this device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the customer&apos;s home store changes their details, notes and wishlist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (waiting to be sent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdraw email consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record email consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdraw SMS consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record SMS consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No note yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orders (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wishlist (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting to be sent</source>
        <translation>
            <numerusform>%n change waiting to be sent</numerusform>
            <numerusform>%n changes waiting to be sent</numerusform>
        </translation>
    </message>
    <message>
        <source>Order %1 could not be reserved when it was sent: not enough %2. Choose what to do; the customer&apos;s number stays valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) refused by the server: see the Sync screen</source>
        <translation>
            <numerusform>%n change refused by the server: see the Sync screen</numerusform>
            <numerusform>%n changes refused by the server: see the Sync screen</numerusform>
        </translation>
    </message>
    <message>
        <source>Note saved: waiting to be sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent recorded: waiting to be sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact details saved: waiting to be sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s version is unknown: open the customer again and redo the change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your version is kept: waiting to be sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s version is kept; your change is dropped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 added to the wishlist: waiting to be sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 removed from the wishlist: waiting to be sent.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomerPickerDialog</name>
    <message>
        <source>Who is the customer?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name, card, phone or email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer search status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrol a new customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s)</source>
        <translation>
            <numerusform>%n customer</numerusform>
            <numerusform>%n customers</numerusform>
        </translation>
    </message>
    <message>
        <source>No customer matches «%1»</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeviceWiped</name>
    <message>
        <source>This device was revoked by your store (reported lost). It erased its customer data, its unsent work and its sign-in. Nothing of it is left here. Sign in again to use it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This device had not reached the server for more than %1 days, so it locked itself and erased its customer data and its sign-in. Sign in again to use it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DevicesScreen</name>
    <message>
        <source>New customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact details change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added to the wishlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed from the wishlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order status change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New follow-up task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up done or snoozed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clients assigned to a seller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client list exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (this device)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices of the store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A lost or stolen tablet: revoke it. It erases its data at its next contact with the server, and what it had not sent is listed here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke this device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No device of this store is signed in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is the device you are using: to leave it, sign out. Another manager or an admin can revoke it if it is lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for what it had not sent…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active: it syncs and reports its unsent work at each contact.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoked. Nothing unsent was lost with it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(its last report: %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>customer %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lost with the device: %1 unsent change(s). Nothing of it reached the server; redo what matters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke this device?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” (signed in as %2) stops working at once and erases its data at its next contact with the server. Whoever uses it must be signed in again by the store. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is revoked: it erases its data at its next contact.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EnrolScreen</name>
    <message>
        <source>New customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The loyalty card number is issued by the server when the enrolment is sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agrees to receive emails</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agrees to receive text messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrolment problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrol the customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer enrolled: waiting to be sent.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gdpr</name>
    <message>
        <source>Personal data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personal data (GDPR)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export or erase the customer&apos;s personal data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export data…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erase customer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where to save the customer&apos;s data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting the customer&apos;s data…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved the customer&apos;s data: %1 and %2 (readable page).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The files could not be written: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erase this customer?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1&apos;s personal data will be erased from the server and from every device: name, contact details, notes, wishlist and timeline. Their orders are kept for the accounts, without them. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was erased. Every device forgets them at its next sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erasure recorded, not done yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The law requires keeping %1 while they have an open order (%2). The request is recorded: the customer is erased when the last one is collected or cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <source>Sync error: tap for details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline · synced %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync error: %1 to check, tap for details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in again: tap for details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting · %1 waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline · %1 waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading · %1 received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending · %1 waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online · synced %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed-in seller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account menu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set a PIN for unlocking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As the system</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KpisScreen</name>
    <message>
        <source>In store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>App</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store KPIs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh the figures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KPIs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing the figures…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Figures from the server: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline: computed on this device from the last sync (%1). Orders made elsewhere since then are not counted yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This store has no clients on this device yet: the figures appear after their first purchase syncs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>active clients (a purchase in the last 90 days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new clients (first purchase in the last 90 days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>consented to email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>consented to SMS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>orders waiting for pickup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revenue by channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average value by channels used</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n channel(s)</source>
        <translation>
            <numerusform>%n channel</numerusform>
            <numerusform>%n channels</numerusform>
        </translation>
    </message>
    <message>
        <source>Share of clients who consented</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMS</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LockPage</name>
    <message>
        <source>Locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password or PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is signed in. Enter your password or your PIN to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your PIN also works without the network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No PIN set: the password needs the server. Set a PIN from the account menu to unlock offline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server cannot be reached to check your password. Use your PIN, or sign out (nothing unsent is lost).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LookupScreen</name>
    <message>
        <source>Search customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name, email, phone or card number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan with the camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The camera cannot work on this device: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a name, an email, a phone or scan a card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No customer matches «%1»</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline: searching this store&apos;s customers only</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The first %n customers: type more to narrow down</source>
        <translation>
            <numerusform>The first %n customers: type more to narrow down</numerusform>
            <numerusform>The first %n customers: type more to narrow down</numerusform>
        </translation>
    </message>
    <message>
        <source>Open an image with a QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.gif *.bmp *.webp *.tif *.tiff)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The clipboard holds no image: copy a picture of the QR code first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Clienteling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>Wrong username or password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is busy checking other sign-ins. Try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This device was revoked by your store: it erased its data. Sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your account may not do this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account is disabled. Ask your manager.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your session has ended. Sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody is signed in on this device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your session was used elsewhere and has ended. Sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server asks you to sign in again. Nothing unsent is lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many failed sign-ins for this username. Try again in {minutes} min.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many failed sign-ins for this username. Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The check digit does not match: scan the card again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a loyalty card number (13 digits starting with 29).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This card is not one of ours: our loyalty cards start with 29.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This card number is out of range.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This product is priced in {currency} and the cart in {cart_currency}: order it separately.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cart is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This product is no longer in the cart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A quantity is between 1 and {max}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The list changed while it was being read: it starts again from the top.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This saved list&apos;s filters can no longer be read: save it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the list a name of 1 to {max} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your account works in no store, so it has no client book.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server cannot be reached: the client book shows this device&apos;s copy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was scanned.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This code is too long to be one of ours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This code is neither a loyalty card, a product nor a pickup code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This consent change cannot be recorded (email or SMS, given or withdrawn).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This customer is no longer in this store&apos;s list. Search for them again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some of the customer&apos;s details are not valid: see the fields in red.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No customer was found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This customer is not in this store&apos;s copy, and the server cannot be reached to look further. Try again when the network is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone else changed this customer meanwhile: choose which version to keep.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo cannot start: another program uses its port {port}. Close the other demo (or that program) and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The barcode&apos;s check digit does not match: scan it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a product barcode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This export cannot be recorded: its figures are not valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A CSV file is separated by commas or semicolons.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file could not be written ({reason}): choose another place.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A code was found in the image but it is damaged: try a sharper picture.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The camera sent a frame that cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No QR code or barcode found in the image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image is too large to be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file is not an image we can read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server had a problem. Try again; if it persists, call support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The figures need a first sync with the server: connect and sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A PIN is 4 to 8 digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two PINs differ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong password or PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not an amount of money.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This amount is out of range.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent an answer that cannot be read. It will be retried.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server address redirects elsewhere: check the address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not answer in time. It will be retried.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s certificate cannot be trusted: the connection was refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s certificate has expired: the connection was refused. Ask your IT to renew it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s certificate is for another address: the connection was refused. Check the server address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s certificate comes from an authority this device does not trust: the connection was refused. Ask your IT to install the company&apos;s certificate authority on this device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The delivery methods are known once the device has been online: home delivery needs the network once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This delivery method is not offered any more. Choose another one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This device is no longer known.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A manager manages the devices of their own store only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server cannot be reached. Your work is kept and will be sent later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A note needs some text, at most 2,000 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No order has this number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the order as it is: check the address and the lines.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This order no longer waits for a decision: it was resolved or cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused some changes: open Sync to decide what to do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This change is no longer waiting: it was sent or dropped meanwhile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a pickup code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No order has this pickup code: check the customer&apos;s confirmation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This pickup code is not in this store&apos;s copy, and the server cannot be reached to check it. Try again when the network is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No product has this code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This product is not in this device&apos;s copy, and the server cannot be reached to check it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local copy is damaged and is being downloaded again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key of this device&apos;s customer copy is in the system keyring, which cannot be read now. Unlock the keyring (sign in to the computer again), then start the app again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This installation cannot open the encrypted customer copy: reinstall the app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local copy was made by a newer version of the app: update the app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This device&apos;s key does not open its local customer copy (it was copied from another device, or it is damaged). Delete the file {path} and start the app again: the customers are downloaded again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No French département has this postcode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A French postcode is five digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The QR code cannot be drawn at this size.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No customer has this card. Check the number, or enrol the customer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No customer of this store has this card, and the server cannot be reached to look further. Search by name, or try again when the network is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a server address (it starts with https:// or http://).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app&apos;s settings file cannot be read: sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not enough stock for {lines}: pick another store or change the order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a currency code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the country of the address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address, the postcode and the city are needed for a delivery.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose one to 500 clients and a seller to assign them to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some of these customers are not clients of this store: nothing was assigned.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This person is not a seller of the store: choose another seller.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This seller works in another store: choose a seller of yours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sync stopped unexpectedly and is starting again. Your work is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local copy is out of date and is being downloaded again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This task is already done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A task goes to a seller of the client&apos;s store: choose another seller.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another task already has this number: create the task again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The task is not complete: choose a seller, a channel, a due date and write why (500 characters at most).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client has not agreed to be contacted this way: choose a call or a visit, or record their consent first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This task is no longer on this device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark the task done or choose a day to snooze it to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snooze the task to a later day than today.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password is too short.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This username is not valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This username is already taken.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some fields are not valid: {fields}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This product is already on the wishlist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This product is no longer on the wishlist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong ({code}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is in trouble (error {status}). It will be retried.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused this (error {status}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{sku} ({requested} asked, {available} available)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server cannot be reached: this needs a connection. Try again when the device is online.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something unexpected happened. Your work is kept; try again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MyClients</name>
    <message>
        <source>Champions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loyal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Promising</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hibernating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Segment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifetime value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last purchase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>May be contacted by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>neither email nor SMS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My clients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search my clients by name, email or phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search my clients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading your clients…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No client matches this search.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No client is assigned to you yet: your manager assigns them from the client book.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MyClientsScreen</name>
    <message numerus="yes">
        <source>%n client(s) assigned to you</source>
        <translation>
            <numerusform>%n client assigned to you</numerusform>
            <numerusform>%n clients assigned to you</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <source>Add a note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the customer told you, what to remember</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the note first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A note holds at most %1 characters (this one has %2).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OpeningPage</name>
    <message>
        <source>Opening…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrderScreen</name>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel and return to stock…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready or delivery date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer told</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve the shortage…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pickup QR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pickup QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pickup code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the order…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No order chosen. Open one from a customer&apos;s orders or from the pickups.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(delivery %1 included)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer shows this code at the counter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marked ready. The customer is told by the channel they agreed to as soon as the server has it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel this order?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1 will be cancelled and its items returned to stock. Tell the customer. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order cancelled: its items are back in stock once the server has it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1 cancelled before it was sent: nothing reached the server.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrdersModel</name>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 → %2 (waiting to be sent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OutboxModel</name>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Made at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where it stands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for an earlier write</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Waiting · %n attempt(s)</source>
        <translation>
            <numerusform>Waiting · %n attempt</numerusform>
            <numerusform>Waiting · %n attempts</numerusform>
        </translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PaymentLinkScreen</name>
    <message>
        <source>Payment link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment link QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment link address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment link of order %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for the payment link…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The link comes once the order reaches the server (it is waiting to be sent).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the server&apos;s link…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the payment: the customer scans the code with their phone.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PickupQueueModel</name>
    <message>
        <source>Placed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Items</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PickupScreen</name>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pickup status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check that the person is the customer, and their card:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loyalty card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer told</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hand over: mark collected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pickup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the order…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan the customer&apos;s pickup QR to find their order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No loyalty card yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1 · %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This order is to be collected in another store (%1): it cannot be handed over here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already collected %1: do not hand it over again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This order was cancelled: nothing to hand over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This order has not reached the server yet: its items are not reserved. Check the shelf before handing it over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not ready yet: prepare it, mark it ready, then hand it over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready: check the customer, then hand it over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment taken?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1 is not paid yet. Take the payment of %2 at the till before handing it over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment taken: hand over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1 handed over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1 marked ready.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PickupStoresModel</name>
    <message>
        <source>%1 of %2 lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>everything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On the shelf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (this store)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Pickups</name>
    <message>
        <source>%1 → %2 (waiting to be sent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid at the till</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pay at pickup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment not recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not paid yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>receipt %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready date: given by the server once the order is sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivered by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer could not be told (no consent to email or SMS): call them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer was told by email that the order is ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer was told by SMS that the order is ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reserved at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reserved when sent</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PickupsScreen</name>
    <message>
        <source>Pickups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How to hand over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan the customer&apos;s pickup QR anywhere in the app to hand the order over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline: the counter is this device&apos;s copy. What you mark ready or collected is sent when the network is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pickups status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the pickups…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pickup groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to prepare: every order for this store is ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No order is waiting for its customer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No order was collected today yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hand over…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To prepare (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collected today (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1 marked ready. The customer is told by the channel they agreed to.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>Set a PIN for unlocking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>4 to 8 digits. It unlocks this device after inactivity, even without the network. It is not your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New PIN again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProductPickerDialog</name>
    <message>
        <source>Add to the wishlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product name, brand, SKU or scan the barcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Products found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product search status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a product name or scan its barcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n product(s)</source>
        <translation>
            <numerusform>%n product</numerusform>
            <numerusform>%n products</numerusform>
        </translation>
    </message>
    <message>
        <source>No product matches «%1»</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProductScreen</name>
    <message>
        <source>Customer being served</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name, brand, SKU, or scan the barcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Products found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product search status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan a product&apos;s barcode anywhere, or search it by name, brand or SKU.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brand, reference and barcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add to cart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add to wishlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stock in the chain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the stock figures come from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stock in every store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No customer chosen: choose one to add to their cart or wishlist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serving a customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serving %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The product goes to the cart or wishlist of the customer you choose.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n product(s)</source>
        <translation>
            <numerusform>%n product</numerusform>
            <numerusform>%n products</numerusform>
        </translation>
    </message>
    <message>
        <source>No product matches «%1»</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a name, a brand or a SKU.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the product…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the server for live figures…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SKU %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EAN %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live figures from the server, %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No stock figure on this device for this product.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n hour</numerusform>
            <numerusform>%n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message>
        <source>Figures kept on this device for %1 of %2 stores, the oldest from %3 ago.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 added to the cart of %2 (%3 in the cart).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 added to the wishlist of %2: waiting to be sent.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QuoteLinesModel</name>
    <message>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comes from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rail</name>
    <message>
        <source>Clients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pickups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client book</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScanRouter</name>
    <message>
        <source>%1 (%2), %3, reference %4: this is a product code. To serve a customer, scan their loyalty card or type their name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pickup code of order %1 (%2): the order is selected in the customer&apos;s orders.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShortageScreen</name>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shortage status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Short order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lines short</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stock figures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source it from the stores that have it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deliver it to the customer&apos;s home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fewer units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the order and tell the customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where it comes from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Standard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Express</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store courier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid at the till</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How to reach the customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the corrected order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stock shortage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the stock…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No order is waiting for a decision: every order made on this device was reserved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This order is no longer waiting for a decision: it was resolved or cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1 for %2: not enough stock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This order was confirmed on this device before the server could reserve it, and when it was sent the stock was no longer there. The customer keeps the number %1 (and their pickup QR): it stays valid whatever you choose.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 × %2: %3 in the chain now (%4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nowhere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stock figures: the server&apos;s, just now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stock figures: this device&apos;s copy (the server cannot be reached); the server checks again when the order is sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stores together do not have enough: choose fewer units, or cancel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tell the customer their order %1 is cancelled: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no phone or email on file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Units of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill in the address, the postcode and the city.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a French postcode: five digits of an existing département.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1 cancelled. Remember to tell the customer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1 corrected: it is sent again under the same number.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message>
        <source>Clienteling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in with the account your store gave you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stay signed in on this device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This device has no system keyring. Ticked, the sign-in is kept in a file encrypted for this device and this user; unticked, it ends when the app closes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No server yet? The demo runs one on this computer, with made-up stores, products and customers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill in the server address, your username and your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StockModel</name>
    <message>
        <source>(−%1 waiting to be sent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (this store)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not known here</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncScreen</name>
    <message>
        <source>New customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact details change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added to the wishlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed from the wishlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order status change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New follow-up task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up done or snoozed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clients assigned to a seller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client list exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stock figures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wishlist items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>timeline entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>follow-up tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsent work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing unsent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve the shortage…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve the shortage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store&apos;s data is still downloading (%1 received). Search may miss some customers until it has finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused some writes. Choose each one below: send it again once fixed, or discard it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is lost: it is sent as soon as the server answers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not synced yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sync: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It brought %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing new.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received since %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsent work · %1 waiting, %2 refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is waiting: every note, consent and order made on this device has reached the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer holds this order&apos;s number: choose where the items come from, fewer units, delivery, or cancel. The number stays valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix what the reason says (in the customer&apos;s screen), then send it again; or discard it if it should not be sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is sent automatically; nothing to do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard this write?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” will never reach the server. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard for good</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TaskNewScreen</name>
    <message>
        <source>New follow-up task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to tell the client, or why they should come back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a manager gives follow-up tasks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None of these clients is on this device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>About %n client(s)</source>
        <translation>
            <numerusform>About %n client</numerusform>
            <numerusform>About %n clients</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
    <message>
        <source>Seller %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This store has no seller to give a task to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None of these clients agreed to be contacted by %1: choose a call or a visit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of these clients did not agree to be contacted by %2: no task is made for them (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Create %n task(s)</source>
        <translation>
            <numerusform>Create %n task</numerusform>
            <numerusform>Create %n tasks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n task(s) created: sent to the seller with the next sync.</source>
        <translation>
            <numerusform>%n task created: sent to the seller with the next sync.</numerusform>
            <numerusform>%n tasks created: sent to the seller with the next sync.</numerusform>
        </translation>
    </message>
    <message>
        <source>The new collection is in store: invite them to come and see it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tasks</name>
    <message>
        <source>Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done on this device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snoozed until %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue since %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused by the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TasksScreen</name>
    <message>
        <source>My tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snoozed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the tasks: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My clients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark the task done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snooze until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snooze the task to the chosen day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline: what you mark here is kept on this device and sent when the network is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading your tasks…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 due today or earlier · %2 to do · %3 snoozed · %4 done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to follow up: no open task. Your manager&apos;s new tasks appear here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No snoozed task.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No task done yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marked done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snoozed: it comes back on its day.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>Order {number}: 1 item, {total}, {where}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order {number}: {items} items, {total}, {where}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{fulfilment} at {store}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrolled, card {card}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrolled, card {card}; consents: {consents}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{channel} consent granted ({source})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{channel} consent withdrawn ({source})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order {number} ready at {store}: customer told by {channel}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order {number} ready at {store}: no consent to tell the customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment received for order {number}: {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on the web</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in the app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at enrolment</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Vocabulary</name>
    <message>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready for pickup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>App</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purchase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrolment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wishlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Silver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platinum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click and collect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Home delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting to be sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not sent: needs your decision</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WishlistModel</name>
    <message>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In this store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>out of stock</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n available</source>
        <translation>
            <numerusform>%n available</numerusform>
            <numerusform>%n available</numerusform>
        </translation>
    </message>
</context>
</TS>
