<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AppSession</name>
    <message>
        <source>Starting the demo…</source>
        <translation>Démarrage de la démo…</translation>
    </message>
    <message>
        <source>Preparing the demo database…</source>
        <translation>Préparation de la base de la démo…</translation>
    </message>
    <message>
        <source>Generating the demo chain…</source>
        <translation>Création de l’enseigne de démo…</translation>
    </message>
    <message>
        <source>Checking the demo data: %1…</source>
        <translation>Vérification des données de la démo : %1…</translation>
    </message>
    <message>
        <source>Loading the demo data: %1…</source>
        <translation>Chargement des données de la démo : %1…</translation>
    </message>
    <message>
        <source>Creating the demo accounts…</source>
        <translation>Création des comptes de démo…</translation>
    </message>
    <message>
        <source>Starting the demo server…</source>
        <translation>Démarrage du serveur de la démo…</translation>
    </message>
    <message>
        <source>%1 (%2 %)</source>
        <translation>%1 (%2 %)</translation>
    </message>
    <message>
        <source>PIN saved.</source>
        <translation>Code PIN enregistré.</translation>
    </message>
    <message>
        <source>Sign out?</source>
        <translation>Se déconnecter ?</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) made on this device have not reached the server yet. They are kept here and sent when you sign in again.</source>
        <translation>
            <numerusform>%n modification faite sur cet appareil n’est pas encore parvenue au serveur. Elle est conservée ici et sera envoyée à votre prochaine connexion.</numerusform>
            <numerusform>%n modifications faites sur cet appareil ne sont pas encore parvenues au serveur. Elles sont conservées ici et seront envoyées à votre prochaine connexion.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Se déconnecter</translation>
    </message>
    <message>
        <source>Stay signed in</source>
        <translation>Rester connecté</translation>
    </message>
    <message>
        <source>Signing out…</source>
        <translation>Déconnexion…</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Close the message</source>
        <translation>Fermer le message</translation>
    </message>
</context>
<context>
    <name>CameraScanDialog</name>
    <message>
        <source>Scan a QR code</source>
        <translation>Scanner un QR code</translation>
    </message>
    <message>
        <source>Hold the QR code or barcode in front of the camera.</source>
        <translation>Présentez le QR code ou le code-barres devant la caméra.</translation>
    </message>
    <message>
        <source>Camera view</source>
        <translation>Image de la caméra</translation>
    </message>
    <message>
        <source>Camera status</source>
        <translation>État de la caméra</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Close the camera</source>
        <translation>Fermer la caméra</translation>
    </message>
    <message>
        <source>No camera was found on this device.</source>
        <translation>Aucune caméra n’a été trouvée sur cet appareil.</translation>
    </message>
    <message>
        <source>Looking for a code…</source>
        <translation>Recherche d’un code…</translation>
    </message>
    <message>
        <source>The camera cannot be used: %1</source>
        <translation>La caméra ne peut pas être utilisée : %1</translation>
    </message>
</context>
<context>
    <name>CardQrDialog</name>
    <message>
        <source>Loyalty card of %1</source>
        <translation>Carte de fidélité de %1</translation>
    </message>
    <message>
        <source>QR code of the loyalty card</source>
        <translation>QR code de la carte de fidélité</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Imprimer</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Print the loyalty card</source>
        <translation>Imprimer la carte de fidélité</translation>
    </message>
</context>
<context>
    <name>CartModel</name>
    <message>
        <source>%1 available: short</source>
        <translation>%1 disponible(s) : manquant</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Produit</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Prix unitaire</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantité</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>At the pickup store</source>
        <translation>Au magasin de retrait</translation>
    </message>
    <message>
        <source>short: not known here</source>
        <translation>manquant : inconnu ici</translation>
    </message>
    <message numerus="yes">
        <source>%n available</source>
        <translation>
            <numerusform>%n disponible</numerusform>
            <numerusform>%n disponibles</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CartScreen</name>
    <message>
        <source>Cart</source>
        <translation>Panier</translation>
    </message>
    <message>
        <source>Another customer</source>
        <translation>Autre client</translation>
    </message>
    <message>
        <source>Cart lines</source>
        <translation>Lignes du panier</translation>
    </message>
    <message>
        <source>Add a product</source>
        <translation>Ajouter un produit</translation>
    </message>
    <message>
        <source>One less</source>
        <translation>Un de moins</translation>
    </message>
    <message>
        <source>One more</source>
        <translation>Un de plus</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Remove the line</source>
        <translation>Retirer la ligne</translation>
    </message>
    <message>
        <source>Lines short at the store</source>
        <translation>Lignes manquantes au magasin</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Empty the cart</source>
        <translation>Vider le panier</translation>
    </message>
    <message>
        <source>Checkout</source>
        <translation>Commander</translation>
    </message>
    <message>
        <source>Carts on this device</source>
        <translation>Paniers sur cet appareil</translation>
    </message>
    <message>
        <source>No other cart is kept on this device.</source>
        <translation>Aucun autre panier n’est gardé sur cet appareil.</translation>
    </message>
    <message>
        <source>Choose the customer</source>
        <translation>Choisir le client</translation>
    </message>
    <message>
        <source>No customer is being served. Choose one, or open a cart kept on this device.</source>
        <translation>Aucun client en cours. Choisissez-en un, ou ouvrez un panier gardé sur cet appareil.</translation>
    </message>
    <message>
        <source>Loading the cart…</source>
        <translation>Chargement du panier…</translation>
    </message>
    <message>
        <source>Cart of %1</source>
        <translation>Panier de %1</translation>
    </message>
    <message>
        <source>The cart of %1 is empty. Scan a product, or add one from the product screen or the wishlist.</source>
        <translation>Le panier de %1 est vide. Scannez un produit, ou ajoutez-en un depuis la fiche produit ou la liste d’envies.</translation>
    </message>
    <message numerus="yes">
        <source>Total %1 · %n item(s)</source>
        <translation>
            <numerusform>Total %1 · %n article</numerusform>
            <numerusform>Total %1 · %n articles</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 asked, no stock figure here</source>
        <translation>%1 demandé(s), aucun stock connu ici</translation>
    </message>
    <message>
        <source>%1 asked, %2 here</source>
        <translation>%1 demandé(s), %2 ici</translation>
    </message>
    <message>
        <source>%1 (%2 available, %3)</source>
        <translation>%1 (%2 disponible(s), %3)</translation>
    </message>
    <message>
        <source>%1: %2. Can come from %3.</source>
        <translation>%1 : %2. Peut venir de %3.</translation>
    </message>
    <message>
        <source>%1: %2. No store has enough: lower the quantity.</source>
        <translation>%1 : %2. Aucun magasin n’en a assez : baissez la quantité.</translation>
    </message>
    <message>
        <source>Short at the store:</source>
        <translation>Manquant au magasin :</translation>
    </message>
    <message>
        <source>Add to the cart</source>
        <translation>Ajouter au panier</translation>
    </message>
    <message>
        <source>Whose cart?</source>
        <translation>Le panier de quel client ?</translation>
    </message>
</context>
<context>
    <name>CartsModel</name>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Articles</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Modifié</translation>
    </message>
</context>
<context>
    <name>Checkout</name>
    <message>
        <source>France</source>
        <translation>France</translation>
    </message>
    <message>
        <source>Belgium</source>
        <translation>Belgique</translation>
    </message>
    <message>
        <source>Luxembourg</source>
        <translation>Luxembourg</translation>
    </message>
    <message>
        <source>Switzerland</source>
        <translation>Suisse</translation>
    </message>
    <message>
        <source>Monaco</source>
        <translation>Monaco</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Express</source>
        <translation>Express</translation>
    </message>
    <message>
        <source>Store courier</source>
        <translation>Coursier du magasin</translation>
    </message>
    <message>
        <source>Paid at the till</source>
        <translation>Payé en caisse</translation>
    </message>
    <message>
        <source>Pay at pickup</source>
        <translation>Paiement au retrait</translation>
    </message>
    <message>
        <source>Payment link (QR code for the customer&apos;s phone)</source>
        <translation>Lien de paiement (QR code pour le téléphone du client)</translation>
    </message>
    <message>
        <source>Ready for pickup today</source>
        <translation>Prête à retirer aujourd’hui</translation>
    </message>
    <message>
        <source>Ready for pickup tomorrow</source>
        <translation>Prête à retirer demain</translation>
    </message>
    <message>
        <source>Ready for pickup on %1</source>
        <translation>Prête à retirer le %1</translation>
    </message>
</context>
<context>
    <name>CheckoutScreen</name>
    <message>
        <source>Checkout</source>
        <translation>Commander</translation>
    </message>
    <message>
        <source>Click and collect</source>
        <translation>Retrait en magasin</translation>
    </message>
    <message>
        <source>Home delivery</source>
        <translation>Livraison à domicile</translation>
    </message>
    <message>
        <source>Collected at</source>
        <translation>Retrait à</translation>
    </message>
    <message>
        <source>Pickup store</source>
        <translation>Magasin de retrait</translation>
    </message>
    <message>
        <source>Use the customer&apos;s last address</source>
        <translation>Reprendre la dernière adresse du client</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Address (continued)</source>
        <translation>Complément d’adresse</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Code postal</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ville</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <source>Address problem</source>
        <translation>Problème d’adresse</translation>
    </message>
    <message>
        <source>Delivery method</source>
        <translation>Mode de livraison</translation>
    </message>
    <message>
        <source>Where the quote comes from</source>
        <translation>D’où vient le devis</translation>
    </message>
    <message>
        <source>Order lines and where they come from</source>
        <translation>Lignes de la commande et leur provenance</translation>
    </message>
    <message>
        <source>Delivery fee</source>
        <translation>Frais de livraison</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>When the order is there</source>
        <translation>Quand la commande sera là</translation>
    </message>
    <message>
        <source>Short lines</source>
        <translation>Lignes manquantes</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Paiement</translation>
    </message>
    <message>
        <source>Till receipt number</source>
        <translation>Numéro de ticket de caisse</translation>
    </message>
    <message>
        <source>Till receipt number (optional)</source>
        <translation>Numéro de ticket de caisse (facultatif)</translation>
    </message>
    <message>
        <source>Confirm the order</source>
        <translation>Valider la commande</translation>
    </message>
    <message>
        <source>Checkout: no customer is being served</source>
        <translation>Commande : aucun client en cours</translation>
    </message>
    <message>
        <source>Checkout for %1</source>
        <translation>Commande pour %1</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n jour</numerusform>
            <numerusform>%n jours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>within %n day(s)</source>
        <translation>
            <numerusform>sous %n jour</numerusform>
            <numerusform>sous %n jours</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 to %2 days</source>
        <translation>%1 à %2 jours</translation>
    </message>
    <message>
        <source>free</source>
        <translation>gratuit</translation>
    </message>
    <message>
        <source>The delivery methods are known once the device has been online: home delivery needs it once.</source>
        <translation>Les modes de livraison sont connus une fois l’appareil passé en ligne : la livraison à domicile en a besoin une fois.</translation>
    </message>
    <message>
        <source>Asking for the price and the date…</source>
        <translation>Calcul du prix et de la date…</translation>
    </message>
    <message>
        <source>Complete the address and the delivery method to see the price and the date.</source>
        <translation>Complétez l’adresse et le mode de livraison pour voir le prix et la date.</translation>
    </message>
    <message>
        <source>Estimated on this device (offline): the server confirms it when the order is sent.</source>
        <translation>Estimation faite sur cet appareil (hors ligne) : le serveur la confirme à l’envoi de la commande.</translation>
    </message>
    <message>
        <source>Price and date from the server.</source>
        <translation>Prix et date donnés par le serveur.</translation>
    </message>
    <message>
        <source>Delivery fee: %1</source>
        <translation>Frais de livraison : %1</translation>
    </message>
    <message>
        <source>No fee: collected in store.</source>
        <translation>Sans frais : retrait en magasin.</translation>
    </message>
    <message>
        <source>Total %1</source>
        <translation>Total %1</translation>
    </message>
    <message>
        <source>Delivered by %1</source>
        <translation>Livrée au plus tard le %1</translation>
    </message>
</context>
<context>
    <name>ClientBook</name>
    <message>
        <source>Champions</source>
        <translation>Champions</translation>
    </message>
    <message>
        <source>Loyal</source>
        <translation>Fidèles</translation>
    </message>
    <message>
        <source>Promising</source>
        <translation>Prometteurs</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nouveaux</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>À risque</translation>
    </message>
    <message>
        <source>Hibernating</source>
        <translation>En sommeil</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>Perdus</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <source>Lifetime value</source>
        <translation>Valeur client</translation>
    </message>
    <message>
        <source>Last purchase</source>
        <translation>Dernier achat</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Commandes</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>Canaux</translation>
    </message>
    <message>
        <source>Consents</source>
        <translation>Consentements</translation>
    </message>
    <message>
        <source>Seller</source>
        <translation>Vendeur</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>Segment</translation>
    </message>
    <message>
        <source>Seller #%1</source>
        <translation>Vendeur n° %1</translation>
    </message>
    <message>
        <source>Assignment waiting to be sent</source>
        <translation>Attribution en attente d’envoi</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Jamais</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucun</translation>
    </message>
</context>
<context>
    <name>ClientBookScreen</name>
    <message>
        <source>Name, email, phone or card number</source>
        <translation>Nom, e-mail, téléphone ou numéro de carte</translation>
    </message>
    <message>
        <source>Search the client book</source>
        <translation>Rechercher dans le fichier clients</translation>
    </message>
    <message>
        <source>Saved lists</source>
        <translation>Listes enregistrées</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Save list</source>
        <translation>Enregistrer la liste</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Delete list</source>
        <translation>Supprimer la liste</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>Filtres</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>Segment</translation>
    </message>
    <message>
        <source>Any segment</source>
        <translation>Tous les segments</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <source>Any tier</source>
        <translation>Tous les niveaux</translation>
    </message>
    <message>
        <source>Last purchase from</source>
        <translation>Dernier achat depuis le</translation>
    </message>
    <message>
        <source>Last purchase to</source>
        <translation>Dernier achat jusqu’au</translation>
    </message>
    <message>
        <source>Spent at least</source>
        <translation>Dépense minimale</translation>
    </message>
    <message>
        <source>Spent at most</source>
        <translation>Dépense maximale</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>Indifférent</translation>
    </message>
    <message>
        <source>Channels used, at least</source>
        <translation>Canaux utilisés, au moins</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Consentement</translation>
    </message>
    <message>
        <source>Any consent</source>
        <translation>Tous</translation>
    </message>
    <message>
        <source>Email consent</source>
        <translation>Accepte les e-mails</translation>
    </message>
    <message>
        <source>SMS consent</source>
        <translation>Accepte les SMS</translation>
    </message>
    <message>
        <source>Assigned seller</source>
        <translation>Vendeur attitré</translation>
    </message>
    <message>
        <source>Any seller</source>
        <translation>Tous les vendeurs</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Effacer les filtres</translation>
    </message>
    <message>
        <source>Client book status</source>
        <translation>État du fichier clients</translation>
    </message>
    <message>
        <source>Export progress</source>
        <translation>Avancement de l’export</translation>
    </message>
    <message>
        <source>Cancel export</source>
        <translation>Annuler l’export</translation>
    </message>
    <message>
        <source>Seller to assign to</source>
        <translation>Vendeur à attribuer</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>Attribuer</translation>
    </message>
    <message>
        <source>New follow-up</source>
        <translation>Nouvelle relance</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>Client book</source>
        <translation>Fichier clients</translation>
    </message>
    <message>
        <source>An amount is not a number: check the spend fields.</source>
        <translation>Un montant n’est pas un nombre : vérifiez les champs de dépense.</translation>
    </message>
    <message>
        <source>Filters (%1)</source>
        <translation>Filtres (%1)</translation>
    </message>
    <message>
        <source>Saved lists…</source>
        <translation>Listes enregistrées…</translation>
    </message>
    <message>
        <source>Name of the list:</source>
        <translation>Nom de la liste :</translation>
    </message>
    <message>
        <source>List «%1» saved</source>
        <translation>Liste « %1 » enregistrée</translation>
    </message>
    <message numerus="yes">
        <source>%n client(s) assigned to %1</source>
        <translation>
            <numerusform>%n client attribué à %1</numerusform>
            <numerusform>%n clients attribués à %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Export the list</source>
        <translation>Exporter la liste</translation>
    </message>
    <message>
        <source>clients.csv</source>
        <translation>clients.csv</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>%n client(s) exported</source>
        <translation>
            <numerusform>%n client exporté</numerusform>
            <numerusform>%n clients exportés</numerusform>
        </translation>
    </message>
    <message>
        <source>Export cancelled</source>
        <translation>Export annulé</translation>
    </message>
    <message>
        <source>Loading the client book…</source>
        <translation>Chargement du fichier clients…</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>No client matches these filters.</source>
        <translation>Aucun client ne correspond à ces filtres.</translation>
    </message>
    <message>
        <source>No client in this store&apos;s book yet.</source>
        <translation>Pas encore de client dans le fichier de ce magasin.</translation>
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
        <translation>Comptage des clients…</translation>
    </message>
    <message>
        <source>Offline: the book as last synced; assignments and exports are sent when the network is back</source>
        <translation>Hors ligne : le fichier tel qu’à la dernière synchronisation ; attributions et exports partiront au retour du réseau</translation>
    </message>
</context>
<context>
    <name>ConfirmationScreen</name>
    <message>
        <source>Order number</source>
        <translation>Numéro de commande</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Order state</source>
        <translation>État de la commande</translation>
    </message>
    <message>
        <source>When the order is there</source>
        <translation>Quand la commande sera là</translation>
    </message>
    <message>
        <source>Reserved where</source>
        <translation>Réservé où</translation>
    </message>
    <message>
        <source>Order lines</source>
        <translation>Lignes de la commande</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Paiement</translation>
    </message>
    <message>
        <source>Print the ticket</source>
        <translation>Imprimer le ticket</translation>
    </message>
    <message>
        <source>Show the payment link</source>
        <translation>Montrer le lien de paiement</translation>
    </message>
    <message>
        <source>Back to the customer</source>
        <translation>Retour au client</translation>
    </message>
    <message>
        <source>New sale</source>
        <translation>Nouvelle vente</translation>
    </message>
    <message>
        <source>Pickup code: the customer photographs it</source>
        <translation>Code de retrait : le client le prend en photo</translation>
    </message>
    <message>
        <source>Pickup QR code</source>
        <translation>QR code de retrait</translation>
    </message>
    <message>
        <source>Pickup code</source>
        <translation>Code de retrait</translation>
    </message>
    <message>
        <source>Order confirmed</source>
        <translation>Commande validée</translation>
    </message>
    <message>
        <source>Order %1</source>
        <translation>Commande %1</translation>
    </message>
    <message>
        <source>Total %1</source>
        <translation>Total %1</translation>
    </message>
    <message>
        <source>Code %1</source>
        <translation>Code %1</translation>
    </message>
    <message>
        <source>Waiting to be sent: the number and the pickup code are final; the stock is reserved when the order reaches the server.</source>
        <translation>En attente d’envoi : le numéro et le code de retrait sont définitifs ; le stock est réservé quand la commande arrive au serveur.</translation>
    </message>
    <message>
        <source>The server refused the order: %1 See the Sync screen.</source>
        <translation>Le serveur a refusé la commande : %1 Voir l’écran Synchro.</translation>
    </message>
    <message>
        <source>%1: the stock is reserved.</source>
        <translation>%1 : le stock est réservé.</translation>
    </message>
    <message>
        <source>To collect at %1 from %2</source>
        <translation>À retirer à %1 à partir du %2</translation>
    </message>
    <message>
        <source>To collect at %1</source>
        <translation>À retirer à %1</translation>
    </message>
    <message>
        <source>Delivered to %1 by %2</source>
        <translation>Livrée au %1 au plus tard le %2</translation>
    </message>
    <message>
        <source>Delivered to %1</source>
        <translation>Livrée au %1</translation>
    </message>
    <message>
        <source>%1 — reserved at %2</source>
        <translation>%1 — réservé à %2</translation>
    </message>
    <message>
        <source>%1 — from %2 (reserved when sent)</source>
        <translation>%1 — depuis %2 (réservé à l’envoi)</translation>
    </message>
    <message>
        <source>Delivery fee %1</source>
        <translation>Frais de livraison %1</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Payé</translation>
    </message>
    <message>
        <source>Paid at the till</source>
        <translation>Payé en caisse</translation>
    </message>
    <message>
        <source>To pay at pickup</source>
        <translation>À payer au retrait</translation>
    </message>
    <message>
        <source>Payment link: show its QR code to the customer</source>
        <translation>Lien de paiement : montrez son QR code au client</translation>
    </message>
    <message>
        <source>Order %1 · %2</source>
        <translation>Commande %1 · %2</translation>
    </message>
    <message>
        <source>Show this code at the counter to collect the order.</source>
        <translation>Présentez ce code au comptoir pour retirer la commande.</translation>
    </message>
    <message>
        <source>No printer: the ticket is saved as %1</source>
        <translation>Pas d’imprimante : le ticket est enregistré dans %1</translation>
    </message>
</context>
<context>
    <name>ConflictPanel</name>
    <message>
        <source>Conflicting changes</source>
        <translation>Modifications en conflit</translation>
    </message>
    <message>
        <source>Someone else changed this customer while you were editing</source>
        <translation>Quelqu’un d’autre a modifié ce client pendant votre saisie</translation>
    </message>
    <message>
        <source>Take the server&apos;s version</source>
        <translation>Garder la version du serveur</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>Garder la mienne</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <source>Yours</source>
        <translation>La vôtre</translation>
    </message>
    <message>
        <source>On the server</source>
        <translation>Sur le serveur</translation>
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <source>emails</source>
        <translation>des e-mails</translation>
    </message>
    <message>
        <source>text messages</source>
        <translation>des SMS</translation>
    </message>
    <message>
        <source>The customer agrees to receive %1</source>
        <translation>Le client accepte de recevoir %1</translation>
    </message>
    <message>
        <source>The customer no longer wants %1</source>
        <translation>Le client ne veut plus recevoir %1</translation>
    </message>
    <message>
        <source>How the customer said so</source>
        <translation>Comment le client l’a exprimé</translation>
    </message>
    <message>
        <source>In person, in the store</source>
        <translation>En personne, au magasin</translation>
    </message>
    <message>
        <source>On the phone</source>
        <translation>Au téléphone</translation>
    </message>
    <message>
        <source>On a signed form</source>
        <translation>Sur un formulaire signé</translation>
    </message>
    <message>
        <source>By email</source>
        <translation>Par e-mail</translation>
    </message>
    <message>
        <source>How:</source>
        <translation>Comment :</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>ConsentHistory</name>
    <message>
        <source>in the store</source>
        <translation>en magasin</translation>
    </message>
    <message>
        <source>on the phone</source>
        <translation>au téléphone</translation>
    </message>
    <message>
        <source>on a signed form</source>
        <translation>sur un formulaire signé</translation>
    </message>
    <message>
        <source>by email</source>
        <translation>par e-mail</translation>
    </message>
    <message>
        <source>on the web</source>
        <translation>sur le site web</translation>
    </message>
    <message>
        <source>in the app</source>
        <translation>dans l’application</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>importé</translation>
    </message>
    <message>
        <source>at enrolment</source>
        <translation>à l’adhésion</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>%1 given</source>
        <translation>%1 donné</translation>
    </message>
    <message>
        <source>%1 withdrawn</source>
        <translation>%1 retiré</translation>
    </message>
    <message>
        <source>Consent history of %1</source>
        <translation>Historique des consentements de %1</translation>
    </message>
    <message>
        <source>Asking the server…</source>
        <translation>Interrogation du serveur…</translation>
    </message>
    <message>
        <source>Consent changes</source>
        <translation>Changements de consentement</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Changement</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Par</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>No consent was ever recorded for this customer.</source>
        <translation>Aucun consentement n’a jamais été enregistré pour ce client.</translation>
    </message>
    <message>
        <source>not recorded (imported)</source>
        <translation>non enregistré (importé)</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>Consent history</source>
        <translation>Historique des consentements</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <source>Edit contact details</source>
        <translation>Modifier les coordonnées</translation>
    </message>
    <message>
        <source>%1: error</source>
        <translation>%1 : erreur</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>Customer360</name>
    <message>
        <source>First name</source>
        <translation>Prénom</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>Date de naissance</translation>
    </message>
    <message>
        <source>Home store</source>
        <translation>Magasin de rattachement</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <source>for example %1</source>
        <translation>par exemple %1</translation>
    </message>
    <message>
        <source>Required.</source>
        <translation>Obligatoire.</translation>
    </message>
    <message>
        <source>At most 100 characters.</source>
        <translation>100 caractères au plus.</translation>
    </message>
    <message>
        <source>Not an email address (name@example.com).</source>
        <translation>Ce n’est pas une adresse e-mail (nom@exemple.fr).</translation>
    </message>
    <message>
        <source>An email address cannot be removed here; correct it instead.</source>
        <translation>Une adresse e-mail ne peut pas être supprimée ici ; corrigez-la plutôt.</translation>
    </message>
    <message>
        <source>Not a phone number (for example 06 12 34 56 78).</source>
        <translation>Ce n’est pas un numéro de téléphone (par exemple 06 12 34 56 78).</translation>
    </message>
    <message>
        <source>A phone number cannot be removed here; correct it instead.</source>
        <translation>Un numéro de téléphone ne peut pas être supprimé ici ; corrigez-le plutôt.</translation>
    </message>
    <message>
        <source>Not a date (%1).</source>
        <translation>Ce n’est pas une date (%1).</translation>
    </message>
    <message>
        <source>This date is not a possible birth date.</source>
        <translation>Cette date n’est pas une date de naissance possible.</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>in the store</source>
        <translation>au magasin</translation>
    </message>
    <message>
        <source>on the phone</source>
        <translation>au téléphone</translation>
    </message>
    <message>
        <source>on a signed form</source>
        <translation>sur un formulaire signé</translation>
    </message>
    <message>
        <source>by email</source>
        <translation>par e-mail</translation>
    </message>
    <message>
        <source>on the web</source>
        <translation>sur le site web</translation>
    </message>
    <message>
        <source>in the app</source>
        <translation>dans l’application</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>importé</translation>
    </message>
    <message>
        <source>%1: given</source>
        <translation>%1 : accepté</translation>
    </message>
    <message>
        <source>%1: withdrawn</source>
        <translation>%1 : retiré</translation>
    </message>
    <message>
        <source>%1: not given</source>
        <translation>%1 : non accepté</translation>
    </message>
    <message>
        <source> on %1</source>
        <translation> le %1</translation>
    </message>
</context>
<context>
    <name>Customer360Screen</name>
    <message>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <source>Add a note</source>
        <translation>Ajouter une note</translation>
    </message>
    <message>
        <source>Add to wishlist</source>
        <translation>Ajouter aux envies</translation>
    </message>
    <message>
        <source>New task</source>
        <translation>Nouvelle tâche</translation>
    </message>
    <message>
        <source>Changes waiting</source>
        <translation>Modifications en attente</translation>
    </message>
    <message>
        <source>Order short of stock</source>
        <translation>Commande en rupture de stock</translation>
    </message>
    <message>
        <source>Resolve…</source>
        <translation>Décider…</translation>
    </message>
    <message>
        <source>Customer status</source>
        <translation>État de la fiche client</translation>
    </message>
    <message>
        <source>Orders, wishlist and timeline</source>
        <translation>Commandes, envies et historique</translation>
    </message>
    <message>
        <source>Customer name</source>
        <translation>Nom du client</translation>
    </message>
    <message>
        <source>Customer since</source>
        <translation>Client depuis</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>Loyalty card</source>
        <translation>Carte de fidélité</translation>
    </message>
    <message>
        <source>Show the card&apos;s QR code</source>
        <translation>Afficher le QR code de la carte</translation>
    </message>
    <message>
        <source>Show or print the card</source>
        <translation>Afficher ou imprimer la carte</translation>
    </message>
    <message>
        <source>Data source</source>
        <translation>Origine des données</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Coordonnées</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Modifier</translation>
    </message>
    <message>
        <source>Edit contact details</source>
        <translation>Modifier les coordonnées</translation>
    </message>
    <message>
        <source>Consents</source>
        <translation>Consentements</translation>
    </message>
    <message>
        <source>Email consent</source>
        <translation>Consentement e-mail</translation>
    </message>
    <message>
        <source>SMS consent</source>
        <translation>Consentement SMS</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Lifetime value</source>
        <translation>Valeur client</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Commandes</translation>
    </message>
    <message>
        <source>Last purchase</source>
        <translation>Dernier achat</translation>
    </message>
    <message>
        <source>Channels:</source>
        <translation>Canaux :</translation>
    </message>
    <message>
        <source>Seller&apos;s notes</source>
        <translation>Notes du vendeur</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>No orders yet, on any channel.</source>
        <translation>Aucune commande pour l’instant, sur aucun canal.</translation>
    </message>
    <message>
        <source>Wishlist</source>
        <translation>Envies</translation>
    </message>
    <message>
        <source>Add a product</source>
        <translation>Ajouter un produit</translation>
    </message>
    <message>
        <source>Add a product to the wishlist</source>
        <translation>Ajouter un produit aux envies</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Remove from the wishlist</source>
        <translation>Retirer des envies</translation>
    </message>
    <message>
        <source>Add to cart</source>
        <translation>Ajouter au panier</translation>
    </message>
    <message>
        <source>Add the wished product to the cart</source>
        <translation>Ajouter le produit souhaité au panier</translation>
    </message>
    <message>
        <source>Nothing on the wishlist yet.</source>
        <translation>Aucune envie enregistrée pour l’instant.</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>No interaction recorded yet.</source>
        <translation>Aucune interaction enregistrée pour l’instant.</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Loading the customer…</source>
        <translation>Chargement du client…</translation>
    </message>
    <message>
        <source>Customer since %1</source>
        <translation>Client depuis le %1</translation>
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
        <translation>Carte %1</translation>
    </message>
    <message>
        <source>Card number: issued when the enrolment is sent</source>
        <translation>Numéro de carte : attribué à l’envoi de l’inscription</translation>
    </message>
    <message>
        <source>Not one of this store&apos;s customers: fetched from the server and kept on this device.</source>
        <translation>Client d’un autre magasin : lu sur le serveur et gardé sur cet appareil.</translation>
    </message>
    <message>
        <source>Only the customer&apos;s home store changes their details, notes and wishlist.</source>
        <translation>Seul le magasin de rattachement du client modifie ses coordonnées, ses notes et sa liste d’envies.</translation>
    </message>
    <message>
        <source> (waiting to be sent)</source>
        <translation> (en attente d’envoi)</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Record consent</source>
        <translation>Enregistrer l’accord</translation>
    </message>
    <message>
        <source>Withdraw email consent</source>
        <translation>Retirer le consentement e-mail</translation>
    </message>
    <message>
        <source>Record email consent</source>
        <translation>Enregistrer le consentement e-mail</translation>
    </message>
    <message>
        <source>Withdraw SMS consent</source>
        <translation>Retirer le consentement SMS</translation>
    </message>
    <message>
        <source>Record SMS consent</source>
        <translation>Enregistrer le consentement SMS</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>Channel %1</source>
        <translation>Canal %1</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>aucun pour l’instant</translation>
    </message>
    <message>
        <source>No note yet.</source>
        <translation>Aucune note pour l’instant.</translation>
    </message>
    <message>
        <source>Orders (%1)</source>
        <translation>Commandes (%1)</translation>
    </message>
    <message>
        <source>Wishlist (%1)</source>
        <translation>Envies (%1)</translation>
    </message>
    <message>
        <source>Timeline (%1)</source>
        <translation>Historique (%1)</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting to be sent</source>
        <translation>
            <numerusform>%n modification en attente d’envoi</numerusform>
            <numerusform>%n modifications en attente d’envoi</numerusform>
        </translation>
    </message>
    <message>
        <source>Order %1 could not be reserved when it was sent: not enough %2. Choose what to do; the customer&apos;s number stays valid.</source>
        <translation>La commande %1 n’a pas pu être réservée à son envoi : stock insuffisant pour %2. Choisissez quoi faire ; le numéro du client reste valable.</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) refused by the server: see the Sync screen</source>
        <translation>
            <numerusform>%n modification refusée par le serveur : voir l’écran Synchro</numerusform>
            <numerusform>%n modifications refusées par le serveur : voir l’écran Synchro</numerusform>
        </translation>
    </message>
    <message>
        <source>Note saved: waiting to be sent.</source>
        <translation>Note enregistrée : en attente d’envoi.</translation>
    </message>
    <message>
        <source>Consent recorded: waiting to be sent.</source>
        <translation>Consentement enregistré : en attente d’envoi.</translation>
    </message>
    <message>
        <source>Contact details saved: waiting to be sent.</source>
        <translation>Coordonnées enregistrées : en attente d’envoi.</translation>
    </message>
    <message>
        <source>The server&apos;s version is unknown: open the customer again and redo the change.</source>
        <translation>La version du serveur est inconnue : rouvrez le client et refaites la modification.</translation>
    </message>
    <message>
        <source>Your version is kept: waiting to be sent.</source>
        <translation>Votre version est gardée : en attente d’envoi.</translation>
    </message>
    <message>
        <source>The server&apos;s version is kept; your change is dropped.</source>
        <translation>La version du serveur est gardée ; votre modification est abandonnée.</translation>
    </message>
    <message>
        <source>%1 added to the wishlist: waiting to be sent.</source>
        <translation>%1 ajouté aux envies : en attente d’envoi.</translation>
    </message>
    <message>
        <source>%1 removed from the wishlist: waiting to be sent.</source>
        <translation>%1 retiré des envies : en attente d’envoi.</translation>
    </message>
</context>
<context>
    <name>CustomerPickerDialog</name>
    <message>
        <source>Who is the customer?</source>
        <translation>Qui est le client ?</translation>
    </message>
    <message>
        <source>Search customers</source>
        <translation>Rechercher un client</translation>
    </message>
    <message>
        <source>Name, card, phone or email</source>
        <translation>Nom, carte, téléphone ou e-mail</translation>
    </message>
    <message>
        <source>Customers found</source>
        <translation>Clients trouvés</translation>
    </message>
    <message>
        <source>Customer search status</source>
        <translation>État de la recherche de clients</translation>
    </message>
    <message>
        <source>Enrol a new customer</source>
        <translation>Inscrire un nouveau client</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s)</source>
        <translation>
            <numerusform>%n client</numerusform>
            <numerusform>%n clients</numerusform>
        </translation>
    </message>
    <message>
        <source>No customer matches «%1»</source>
        <translation>Aucun client ne correspond à « %1 »</translation>
    </message>
</context>
<context>
    <name>DeviceWiped</name>
    <message>
        <source>This device was revoked by your store (reported lost). It erased its customer data, its unsent work and its sign-in. Nothing of it is left here. Sign in again to use it.</source>
        <translation>Cet appareil a été révoqué par votre magasin (déclaré perdu). Il a effacé ses données clients, son travail non envoyé et sa connexion. Il n’en reste rien ici. Connectez-vous à nouveau pour l’utiliser.</translation>
    </message>
    <message>
        <source>This device had not reached the server for more than %1 days, so it locked itself and erased its customer data and its sign-in. Sign in again to use it.</source>
        <translation>Cet appareil n’avait pas joint le serveur depuis plus de %1 jours : il s’est verrouillé et a effacé ses données clients et sa connexion. Connectez-vous à nouveau pour l’utiliser.</translation>
    </message>
</context>
<context>
    <name>DevicesScreen</name>
    <message>
        <source>New customer</source>
        <translation>Nouveau client</translation>
    </message>
    <message>
        <source>Contact details change</source>
        <translation>Modification des coordonnées</translation>
    </message>
    <message>
        <source>Consent change</source>
        <translation>Changement de consentement</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Added to the wishlist</source>
        <translation>Ajout à la liste d’envies</translation>
    </message>
    <message>
        <source>Removed from the wishlist</source>
        <translation>Retrait de la liste d’envies</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Commande</translation>
    </message>
    <message>
        <source>Order status change</source>
        <translation>Changement de statut de commande</translation>
    </message>
    <message>
        <source>New follow-up task</source>
        <translation>Nouvelle tâche de suivi</translation>
    </message>
    <message>
        <source>Follow-up done or snoozed</source>
        <translation>Suivi fait ou reporté</translation>
    </message>
    <message>
        <source>Clients assigned to a seller</source>
        <translation>Clients attribués à un vendeur</translation>
    </message>
    <message>
        <source>Client list exported</source>
        <translation>Liste de clients exportée</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Appareil</translation>
    </message>
    <message>
        <source>Signed in as</source>
        <translation>Connecté en tant que</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Dernier contact</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>%1 (this device)</source>
        <translation>%1 (cet appareil)</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Révoqué</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Actif</translation>
    </message>
    <message>
        <source>Devices of the store</source>
        <translation>Appareils du magasin</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>A lost or stolen tablet: revoke it. It erases its data at its next contact with the server, and what it had not sent is listed here.</source>
        <translation>Une tablette perdue ou volée : révoquez-la. Elle efface ses données à son prochain contact avec le serveur, et ce qu’elle n’avait pas envoyé est listé ici.</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Appareils</translation>
    </message>
    <message>
        <source>Revoke this device</source>
        <translation>Révoquer cet appareil</translation>
    </message>
    <message>
        <source>Asking the server…</source>
        <translation>Interrogation du serveur…</translation>
    </message>
    <message>
        <source>No device of this store is signed in.</source>
        <translation>Aucun appareil de ce magasin n’est connecté.</translation>
    </message>
    <message>
        <source>This is the device you are using: to leave it, sign out. Another manager or an admin can revoke it if it is lost.</source>
        <translation>C’est l’appareil que vous utilisez : pour le quitter, déconnectez-vous. Un autre responsable ou un administrateur peut le révoquer s’il est perdu.</translation>
    </message>
    <message>
        <source>Looking for what it had not sent…</source>
        <translation>Recherche de ce qu’il n’avait pas envoyé…</translation>
    </message>
    <message>
        <source>Active: it syncs and reports its unsent work at each contact.</source>
        <translation>Actif : il se synchronise et signale son travail non envoyé à chaque contact.</translation>
    </message>
    <message>
        <source>Revoked. Nothing unsent was lost with it</source>
        <translation>Révoqué. Rien de non envoyé n’a été perdu avec lui</translation>
    </message>
    <message>
        <source>(its last report: %1).</source>
        <translation>(son dernier rapport : %1).</translation>
    </message>
    <message>
        <source>customer %1</source>
        <translation>client %1</translation>
    </message>
    <message>
        <source>Lost with the device: %1 unsent change(s). Nothing of it reached the server; redo what matters.</source>
        <translation>Perdu avec l’appareil : %1 changement(s) non envoyé(s). Rien n’a atteint le serveur ; refaites ce qui compte.</translation>
    </message>
    <message>
        <source>Revoke this device?</source>
        <translation>Révoquer cet appareil ?</translation>
    </message>
    <message>
        <source>“%1” (signed in as %2) stops working at once and erases its data at its next contact with the server. Whoever uses it must be signed in again by the store. This cannot be undone.</source>
        <translation>« %1 » (connecté en tant que %2) cesse aussitôt de fonctionner et efface ses données à son prochain contact avec le serveur. Le magasin devra reconnecter qui l’utilise. C’est irréversible.</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Révoquer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>“%1” is revoked: it erases its data at its next contact.</source>
        <translation>« %1 » est révoqué : il efface ses données à son prochain contact.</translation>
    </message>
</context>
<context>
    <name>EnrolScreen</name>
    <message>
        <source>New customer</source>
        <translation>Nouveau client</translation>
    </message>
    <message>
        <source>The loyalty card number is issued by the server when the enrolment is sent.</source>
        <translation>Le numéro de carte de fidélité est attribué par le serveur à l’envoi de l’inscription.</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Prénom</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>Date de naissance</translation>
    </message>
    <message>
        <source>%1: error</source>
        <translation>%1 : erreur</translation>
    </message>
    <message>
        <source>Agrees to receive emails</source>
        <translation>Accepte de recevoir des e-mails</translation>
    </message>
    <message>
        <source>Agrees to receive text messages</source>
        <translation>Accepte de recevoir des SMS</translation>
    </message>
    <message>
        <source>Enrolment problem</source>
        <translation>Problème d’inscription</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Enrol</source>
        <translation>Inscrire</translation>
    </message>
    <message>
        <source>Enrol the customer</source>
        <translation>Inscrire le client</translation>
    </message>
    <message>
        <source>Customer enrolled: waiting to be sent.</source>
        <translation>Client inscrit : en attente d’envoi.</translation>
    </message>
</context>
<context>
    <name>Gdpr</name>
    <message>
        <source>Personal data</source>
        <translation>Données personnelles</translation>
    </message>
    <message>
        <source>Personal data (GDPR)</source>
        <translation>Données personnelles (RGPD)</translation>
    </message>
    <message>
        <source>Export or erase the customer&apos;s personal data</source>
        <translation>Exporter ou effacer les données personnelles du client</translation>
    </message>
    <message>
        <source>Export data…</source>
        <translation>Exporter les données…</translation>
    </message>
    <message>
        <source>Erase customer…</source>
        <translation>Effacer le client…</translation>
    </message>
    <message>
        <source>Where to save the customer&apos;s data</source>
        <translation>Où enregistrer les données du client</translation>
    </message>
    <message>
        <source>Exporting the customer&apos;s data…</source>
        <translation>Export des données du client…</translation>
    </message>
    <message>
        <source>Saved the customer&apos;s data: %1 and %2 (readable page).</source>
        <translation>Données du client enregistrées : %1 et %2 (page lisible).</translation>
    </message>
    <message>
        <source>The files could not be written: %1</source>
        <translation>Les fichiers n’ont pas pu être écrits : %1</translation>
    </message>
    <message>
        <source>Erase this customer?</source>
        <translation>Effacer ce client ?</translation>
    </message>
    <message>
        <source>%1&apos;s personal data will be erased from the server and from every device: name, contact details, notes, wishlist and timeline. Their orders are kept for the accounts, without them. This cannot be undone.</source>
        <translation>Les données personnelles de %1 seront effacées du serveur et de tous les appareils : nom, coordonnées, notes, liste d’envies et historique. Ses commandes sont gardées pour la comptabilité, sans la personne. C’est irréversible.</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>%1 was erased. Every device forgets them at its next sync.</source>
        <translation>%1 a été effacé(e). Chaque appareil l’oublie à sa prochaine synchronisation.</translation>
    </message>
    <message>
        <source>Erasure recorded, not done yet</source>
        <translation>Effacement enregistré, pas encore fait</translation>
    </message>
    <message>
        <source>The law requires keeping %1 while they have an open order (%2). The request is recorded: the customer is erased when the last one is collected or cancelled.</source>
        <translation>La loi impose de garder %1 tant qu’une commande est en cours (%2). La demande est enregistrée : le client sera effacé quand la dernière sera retirée ou annulée.</translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <source>Sync error: tap for details</source>
        <translation>Erreur de synchro : touchez pour les détails</translation>
    </message>
    <message>
        <source>Offline · synced %1</source>
        <translation>Hors ligne · synchronisé à %1</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Hors ligne</translation>
    </message>
    <message>
        <source>Opening…</source>
        <translation>Ouverture…</translation>
    </message>
    <message>
        <source>Sync error: %1 to check, tap for details</source>
        <translation>Erreur de synchro : %1 à vérifier, touchez pour les détails</translation>
    </message>
    <message>
        <source>Sign in again: tap for details</source>
        <translation>Reconnectez-vous : touchez pour les détails</translation>
    </message>
    <message>
        <source>Connecting · %1 waiting</source>
        <translation>Connexion · %1 en attente</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <source>Offline · %1 waiting</source>
        <translation>Hors ligne · %1 en attente</translation>
    </message>
    <message>
        <source>Downloading · %1 received</source>
        <translation>Téléchargement · %1 reçus</translation>
    </message>
    <message>
        <source>Sending · %1 waiting</source>
        <translation>Envoi · %1 en attente</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Synchronisation…</translation>
    </message>
    <message>
        <source>Online · synced %1</source>
        <translation>En ligne · synchronisé à %1</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Magasin</translation>
    </message>
    <message>
        <source>Signed-in seller</source>
        <translation>Vendeur connecté</translation>
    </message>
    <message>
        <source>Sync state</source>
        <translation>État de la synchronisation</translation>
    </message>
    <message>
        <source>Account menu</source>
        <translation>Menu du compte</translation>
    </message>
    <message>
        <source>Download progress</source>
        <translation>Progression du téléchargement</translation>
    </message>
    <message>
        <source>Lock now</source>
        <translation>Verrouiller maintenant</translation>
    </message>
    <message>
        <source>Set a PIN for unlocking…</source>
        <translation>Choisir un code PIN de déverrouillage…</translation>
    </message>
    <message>
        <source>Switch user</source>
        <translation>Changer d’utilisateur</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Se déconnecter</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>Comme le système</translation>
    </message>
</context>
<context>
    <name>KpisScreen</name>
    <message>
        <source>In store</source>
        <translation>En magasin</translation>
    </message>
    <message>
        <source>Web</source>
        <translation>Web</translation>
    </message>
    <message>
        <source>App</source>
        <translation>Appli</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Store KPIs</source>
        <translation>Indicateurs du magasin</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Refresh the figures</source>
        <translation>Actualiser les chiffres</translation>
    </message>
    <message>
        <source>KPIs</source>
        <translation>Indicateurs</translation>
    </message>
    <message>
        <source>Computing the figures…</source>
        <translation>Calcul des chiffres…</translation>
    </message>
    <message>
        <source>Figures from the server: %1.</source>
        <translation>Chiffres du serveur : %1.</translation>
    </message>
    <message>
        <source>Offline: computed on this device from the last sync (%1). Orders made elsewhere since then are not counted yet.</source>
        <translation>Hors ligne : calculés sur cet appareil à partir de la dernière synchro (%1). Les commandes passées ailleurs depuis ne sont pas encore comptées.</translation>
    </message>
    <message>
        <source>This store has no clients on this device yet: the figures appear after their first purchase syncs.</source>
        <translation>Ce magasin n’a pas encore de clients sur cet appareil : les chiffres apparaîtront après la synchro de leurs premiers achats.</translation>
    </message>
    <message>
        <source>active clients (a purchase in the last 90 days)</source>
        <translation>clients actifs (un achat ces 90 derniers jours)</translation>
    </message>
    <message>
        <source>new clients (first purchase in the last 90 days)</source>
        <translation>nouveaux clients (premier achat ces 90 derniers jours)</translation>
    </message>
    <message>
        <source>consented to email</source>
        <translation>acceptent les e-mails</translation>
    </message>
    <message>
        <source>consented to SMS</source>
        <translation>acceptent les SMS</translation>
    </message>
    <message>
        <source>orders waiting for pickup</source>
        <translation>commandes en attente de retrait</translation>
    </message>
    <message>
        <source>Revenue by channel</source>
        <translation>Chiffre d’affaires par canal</translation>
    </message>
    <message>
        <source>Average value by channels used</source>
        <translation>Valeur client moyenne selon le nombre de canaux utilisés</translation>
    </message>
    <message numerus="yes">
        <source>%n channel(s)</source>
        <translation>
            <numerusform>%n canal</numerusform>
            <numerusform>%n canaux</numerusform>
        </translation>
    </message>
    <message>
        <source>Share of clients who consented</source>
        <translation>Part des clients qui acceptent d’être contactés</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
</context>
<context>
    <name>LockPage</name>
    <message>
        <source>Locked</source>
        <translation>Verrouillé</translation>
    </message>
    <message>
        <source>Password or PIN</source>
        <translation>Mot de passe ou code PIN</translation>
    </message>
    <message>
        <source>Unlock problem</source>
        <translation>Problème de déverrouillage</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Déverrouiller</translation>
    </message>
    <message>
        <source>Switch user</source>
        <translation>Changer d’utilisateur</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Se déconnecter</translation>
    </message>
    <message>
        <source>%1 is signed in. Enter your password or your PIN to continue.</source>
        <translation>%1 est connecté(e). Saisissez votre mot de passe ou votre code PIN pour continuer.</translation>
    </message>
    <message>
        <source>Your PIN also works without the network.</source>
        <translation>Votre code PIN fonctionne aussi sans réseau.</translation>
    </message>
    <message>
        <source>No PIN set: the password needs the server. Set a PIN from the account menu to unlock offline.</source>
        <translation>Aucun code PIN : le mot de passe a besoin du serveur. Choisissez un code PIN dans le menu du compte pour déverrouiller hors ligne.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Vérification…</translation>
    </message>
    <message>
        <source>The server cannot be reached to check your password. Use your PIN, or sign out (nothing unsent is lost).</source>
        <translation>Le serveur est injoignable pour vérifier votre mot de passe. Utilisez votre code PIN, ou déconnectez-vous (rien de ce qui attend d’être envoyé n’est perdu).</translation>
    </message>
</context>
<context>
    <name>LookupScreen</name>
    <message>
        <source>Search customers</source>
        <translation>Rechercher un client</translation>
    </message>
    <message>
        <source>Name, email, phone or card number</source>
        <translation>Nom, e-mail, téléphone ou numéro de carte</translation>
    </message>
    <message>
        <source>Scan with the camera</source>
        <translation>Scanner avec la caméra</translation>
    </message>
    <message>
        <source>The camera cannot work on this device: %1</source>
        <translation>La caméra ne peut pas fonctionner sur cet appareil : %1</translation>
    </message>
    <message>
        <source>Open image</source>
        <translation>Ouvrir image</translation>
    </message>
    <message>
        <source>Paste image</source>
        <translation>Coller image</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>Nouveau client</translation>
    </message>
    <message>
        <source>Search status</source>
        <translation>État de la recherche</translation>
    </message>
    <message>
        <source>Customers found</source>
        <translation>Clients trouvés</translation>
    </message>
    <message>
        <source>No results</source>
        <translation>Aucun résultat</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>Type a name, an email, a phone or scan a card</source>
        <translation>Tapez un nom, un e-mail, un téléphone ou scannez une carte</translation>
    </message>
    <message>
        <source>No customer matches «%1»</source>
        <translation>Aucun client ne correspond à « %1 »</translation>
    </message>
    <message>
        <source>Offline: searching this store&apos;s customers only</source>
        <translation>Hors ligne : recherche parmi les clients de ce magasin seulement</translation>
    </message>
    <message numerus="yes">
        <source>The first %n customers: type more to narrow down</source>
        <translation>
            <numerusform>Les %n premiers clients : tapez la suite pour affiner</numerusform>
            <numerusform>Les %n premiers clients : tapez la suite pour affiner</numerusform>
        </translation>
    </message>
    <message>
        <source>Open an image with a QR code</source>
        <translation>Ouvrir une image contenant un QR code</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.gif *.bmp *.webp *.tif *.tiff)</source>
        <translation>Images (*.png *.jpg *.jpeg *.gif *.bmp *.webp *.tif *.tiff)</translation>
    </message>
    <message>
        <source>The clipboard holds no image: copy a picture of the QR code first.</source>
        <translation>Le presse-papiers ne contient pas d’image : copiez d’abord une image du QR code.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Clienteling</source>
        <translation>Clienteling</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>Wrong username or password.</source>
        <translation>Identifiant ou mot de passe incorrect.</translation>
    </message>
    <message>
        <source>The server is busy checking other sign-ins. Try again in a moment.</source>
        <translation>Le serveur vérifie déjà beaucoup de connexions. Réessayez dans un instant.</translation>
    </message>
    <message>
        <source>This device was revoked by your store: it erased its data. Sign in again.</source>
        <translation>Cet appareil a été révoqué par votre magasin : il a effacé ses données. Connectez-vous à nouveau.</translation>
    </message>
    <message>
        <source>Your account may not do this.</source>
        <translation>Votre compte n’a pas le droit de faire cela.</translation>
    </message>
    <message>
        <source>This account is disabled. Ask your manager.</source>
        <translation>Ce compte est désactivé. Adressez-vous à votre responsable.</translation>
    </message>
    <message>
        <source>Your session has ended. Sign in again.</source>
        <translation>Votre session a pris fin. Reconnectez-vous.</translation>
    </message>
    <message>
        <source>Sign in first.</source>
        <translation>Connectez-vous d’abord.</translation>
    </message>
    <message>
        <source>Nobody is signed in on this device.</source>
        <translation>Personne n’est connecté sur cet appareil.</translation>
    </message>
    <message>
        <source>Your session was used elsewhere and has ended. Sign in again.</source>
        <translation>Votre session a été utilisée ailleurs et a pris fin. Reconnectez-vous.</translation>
    </message>
    <message>
        <source>The server asks you to sign in again. Nothing unsent is lost.</source>
        <translation>Le serveur vous demande de vous reconnecter. Rien de ce qui attend d’être envoyé n’est perdu.</translation>
    </message>
    <message>
        <source>Too many failed sign-ins for this username. Try again in {minutes} min.</source>
        <translation>Trop de tentatives de connexion échouées pour cet identifiant. Réessayez dans {minutes} min.</translation>
    </message>
    <message>
        <source>Too many failed sign-ins for this username. Try again later.</source>
        <translation>Trop de tentatives de connexion échouées pour cet identifiant. Réessayez plus tard.</translation>
    </message>
    <message>
        <source>The check digit does not match: scan the card again.</source>
        <translation>La clé de contrôle ne correspond pas : scannez la carte à nouveau.</translation>
    </message>
    <message>
        <source>This is not a loyalty card number (13 digits starting with 29).</source>
        <translation>Ce n’est pas un numéro de carte de fidélité (13 chiffres commençant par 29).</translation>
    </message>
    <message>
        <source>This card is not one of ours: our loyalty cards start with 29.</source>
        <translation>Cette carte n’est pas l’une des nôtres : nos cartes de fidélité commencent par 29.</translation>
    </message>
    <message>
        <source>This card number is out of range.</source>
        <translation>Ce numéro de carte est hors limites.</translation>
    </message>
    <message>
        <source>This product is priced in {currency} and the cart in {cart_currency}: order it separately.</source>
        <translation>Ce produit est en {currency} et le panier en {cart_currency} : commandez-le à part.</translation>
    </message>
    <message>
        <source>The cart is empty.</source>
        <translation>Le panier est vide.</translation>
    </message>
    <message>
        <source>This product is no longer in the cart.</source>
        <translation>Ce produit n’est plus dans le panier.</translation>
    </message>
    <message>
        <source>A quantity is between 1 and {max}.</source>
        <translation>Une quantité va de 1 à {max}.</translation>
    </message>
    <message>
        <source>The list changed while it was being read: it starts again from the top.</source>
        <translation>La liste a changé pendant sa lecture : elle reprend depuis le début.</translation>
    </message>
    <message>
        <source>This saved list&apos;s filters can no longer be read: save it again.</source>
        <translation>Les filtres de cette liste ne sont plus lisibles : enregistrez-la à nouveau.</translation>
    </message>
    <message>
        <source>Give the list a name of 1 to {max} characters.</source>
        <translation>Donnez à la liste un nom de 1 à {max} caractères.</translation>
    </message>
    <message>
        <source>Your account works in no store, so it has no client book.</source>
        <translation>Votre compte n’est rattaché à aucun magasin : il n’a pas de fichier clients.</translation>
    </message>
    <message>
        <source>The server cannot be reached: the client book shows this device&apos;s copy.</source>
        <translation>Le serveur est injoignable : le fichier clients affiche la copie de cet appareil.</translation>
    </message>
    <message>
        <source>Nothing was scanned.</source>
        <translation>Rien n’a été scanné.</translation>
    </message>
    <message>
        <source>This code is too long to be one of ours.</source>
        <translation>Ce code est trop long pour être l’un des nôtres.</translation>
    </message>
    <message>
        <source>This code is neither a loyalty card, a product nor a pickup code.</source>
        <translation>Ce code n’est ni une carte de fidélité, ni un produit, ni un code de retrait.</translation>
    </message>
    <message>
        <source>This consent change cannot be recorded (email or SMS, given or withdrawn).</source>
        <translation>Ce changement de consentement ne peut pas être enregistré (e-mail ou SMS, donné ou retiré).</translation>
    </message>
    <message>
        <source>This customer is no longer in this store&apos;s list. Search for them again.</source>
        <translation>Ce client ne fait plus partie de la liste du magasin. Recherchez-le à nouveau.</translation>
    </message>
    <message>
        <source>Some of the customer&apos;s details are not valid: see the fields in red.</source>
        <translation>Certaines informations du client ne sont pas valides : voyez les champs en rouge.</translation>
    </message>
    <message>
        <source>No customer was found.</source>
        <translation>Aucun client trouvé.</translation>
    </message>
    <message>
        <source>This customer is not in this store&apos;s copy, and the server cannot be reached to look further. Try again when the network is back.</source>
        <translation>Ce client n’est pas dans la copie du magasin et le serveur est injoignable pour chercher plus loin. Réessayez quand le réseau sera revenu.</translation>
    </message>
    <message>
        <source>Someone else changed this customer meanwhile: choose which version to keep.</source>
        <translation>Quelqu’un d’autre a modifié ce client entre-temps : choisissez la version à garder.</translation>
    </message>
    <message>
        <source>The demo cannot start: another program uses its port {port}. Close the other demo (or that program) and try again.</source>
        <translation>La démo ne peut pas démarrer : un autre programme utilise son port {port}. Fermez l’autre démo (ou ce programme) et réessayez.</translation>
    </message>
    <message>
        <source>The barcode&apos;s check digit does not match: scan it again.</source>
        <translation>La clé de contrôle du code-barres ne correspond pas : scannez-le à nouveau.</translation>
    </message>
    <message>
        <source>This is not a product barcode.</source>
        <translation>Ce n’est pas un code-barres produit.</translation>
    </message>
    <message>
        <source>This export cannot be recorded: its figures are not valid.</source>
        <translation>Cet export ne peut pas être enregistré : ses chiffres ne sont pas valides.</translation>
    </message>
    <message>
        <source>A CSV file is separated by commas or semicolons.</source>
        <translation>Un fichier CSV est séparé par des virgules ou des points-virgules.</translation>
    </message>
    <message>
        <source>The file could not be written ({reason}): choose another place.</source>
        <translation>Le fichier n’a pas pu être écrit ({reason}) : choisissez un autre emplacement.</translation>
    </message>
    <message>
        <source>A code was found in the image but it is damaged: try a sharper picture.</source>
        <translation>Un code a été trouvé dans l’image mais il est abîmé : essayez une photo plus nette.</translation>
    </message>
    <message>
        <source>The camera sent a frame that cannot be read.</source>
        <translation>La caméra a envoyé une image illisible.</translation>
    </message>
    <message>
        <source>No QR code or barcode found in the image.</source>
        <translation>Aucun QR code ni code-barres dans l’image.</translation>
    </message>
    <message>
        <source>The image is too large to be read.</source>
        <translation>L’image est trop grande pour être lue.</translation>
    </message>
    <message>
        <source>This file is not an image we can read.</source>
        <translation>Ce fichier n’est pas une image lisible.</translation>
    </message>
    <message>
        <source>The server had a problem. Try again; if it persists, call support.</source>
        <translation>Le serveur a rencontré un problème. Réessayez ; si cela persiste, appelez le support.</translation>
    </message>
    <message>
        <source>The figures need a first sync with the server: connect and sync.</source>
        <translation>Les chiffres demandent une première synchro avec le serveur : connectez-vous et synchronisez.</translation>
    </message>
    <message>
        <source>A PIN is 4 to 8 digits.</source>
        <translation>Un code PIN comporte 4 à 8 chiffres.</translation>
    </message>
    <message>
        <source>The two PINs differ.</source>
        <translation>Les deux codes PIN sont différents.</translation>
    </message>
    <message>
        <source>Wrong password or PIN.</source>
        <translation>Mot de passe ou code PIN incorrect.</translation>
    </message>
    <message>
        <source>This is not an amount of money.</source>
        <translation>Ce n’est pas un montant.</translation>
    </message>
    <message>
        <source>This amount is out of range.</source>
        <translation>Ce montant est hors limites.</translation>
    </message>
    <message>
        <source>The server sent an answer that cannot be read. It will be retried.</source>
        <translation>Le serveur a envoyé une réponse illisible. Un nouvel essai sera fait.</translation>
    </message>
    <message>
        <source>The server address redirects elsewhere: check the address.</source>
        <translation>L’adresse du serveur redirige ailleurs : vérifiez l’adresse.</translation>
    </message>
    <message>
        <source>The server did not answer in time. It will be retried.</source>
        <translation>Le serveur n’a pas répondu à temps. Un nouvel essai sera fait.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate cannot be trusted: the connection was refused.</source>
        <translation>Le certificat du serveur n’est pas digne de confiance : la connexion a été refusée.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate has expired: the connection was refused. Ask your IT to renew it.</source>
        <translation>Le certificat du serveur a expiré : la connexion a été refusée. Demandez à votre service informatique de le renouveler.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is for another address: the connection was refused. Check the server address.</source>
        <translation>Le certificat du serveur est celui d’une autre adresse : la connexion a été refusée. Vérifiez l’adresse du serveur.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate comes from an authority this device does not trust: the connection was refused. Ask your IT to install the company&apos;s certificate authority on this device.</source>
        <translation>Le certificat du serveur vient d’une autorité que cet appareil ne reconnaît pas : la connexion a été refusée. Demandez à votre service informatique d’installer l’autorité de certification de l’entreprise sur cet appareil.</translation>
    </message>
    <message>
        <source>The delivery methods are known once the device has been online: home delivery needs the network once.</source>
        <translation>Les modes de livraison sont connus une fois l’appareil passé en ligne : la livraison à domicile a besoin du réseau une fois.</translation>
    </message>
    <message>
        <source>This delivery method is not offered any more. Choose another one.</source>
        <translation>Ce mode de livraison n’est plus proposé. Choisissez-en un autre.</translation>
    </message>
    <message>
        <source>This device is no longer known.</source>
        <translation>Cet appareil n’est plus connu.</translation>
    </message>
    <message>
        <source>A manager manages the devices of their own store only.</source>
        <translation>Un responsable ne gère que les appareils de son propre magasin.</translation>
    </message>
    <message>
        <source>The server cannot be reached. Your work is kept and will be sent later.</source>
        <translation>Le serveur est injoignable. Votre travail est conservé et sera envoyé plus tard.</translation>
    </message>
    <message>
        <source>A note needs some text, at most 2,000 characters.</source>
        <translation>Une note doit contenir du texte, 2 000 caractères au plus.</translation>
    </message>
    <message>
        <source>No order has this number.</source>
        <translation>Aucune commande ne porte ce numéro.</translation>
    </message>
    <message>
        <source>The server refused the order as it is: check the address and the lines.</source>
        <translation>Le serveur refuse la commande en l’état : vérifiez l’adresse et les lignes.</translation>
    </message>
    <message>
        <source>This order no longer waits for a decision: it was resolved or cancelled.</source>
        <translation>Cette commande n’attend plus de décision : elle a été réglée ou annulée.</translation>
    </message>
    <message>
        <source>The server refused some changes: open Sync to decide what to do.</source>
        <translation>Le serveur a refusé certaines modifications : ouvrez Synchro pour décider quoi faire.</translation>
    </message>
    <message>
        <source>This change is no longer waiting: it was sent or dropped meanwhile.</source>
        <translation>Cette modification n’est plus en attente : elle a été envoyée ou abandonnée entre-temps.</translation>
    </message>
    <message>
        <source>This is not a pickup code.</source>
        <translation>Ce n’est pas un code de retrait.</translation>
    </message>
    <message>
        <source>No order has this pickup code: check the customer&apos;s confirmation.</source>
        <translation>Aucune commande n’a ce code de retrait : vérifiez la confirmation du client.</translation>
    </message>
    <message>
        <source>This pickup code is not in this store&apos;s copy, and the server cannot be reached to check it. Try again when the network is back.</source>
        <translation>Ce code de retrait n’est pas dans la copie du magasin et le serveur est injoignable pour le vérifier. Réessayez quand le réseau sera revenu.</translation>
    </message>
    <message>
        <source>No product has this code.</source>
        <translation>Aucun produit n’a ce code.</translation>
    </message>
    <message>
        <source>This product is not in this device&apos;s copy, and the server cannot be reached to check it.</source>
        <translation>Ce produit n’est pas dans la copie de l’appareil et le serveur est injoignable pour le vérifier.</translation>
    </message>
    <message>
        <source>The local copy is damaged and is being downloaded again.</source>
        <translation>La copie locale est endommagée et est en cours de nouveau téléchargement.</translation>
    </message>
    <message>
        <source>The key of this device&apos;s customer copy is in the system keyring, which cannot be read now. Unlock the keyring (sign in to the computer again), then start the app again.</source>
        <translation>La clé de la copie des clients de cet appareil est dans le trousseau du système, qui ne peut pas être lu pour l’instant. Déverrouillez le trousseau (reconnectez-vous à l’ordinateur), puis relancez l’application.</translation>
    </message>
    <message>
        <source>This installation cannot open the encrypted customer copy: reinstall the app.</source>
        <translation>Cette installation ne peut pas ouvrir la copie chiffrée des clients : réinstallez l’application.</translation>
    </message>
    <message>
        <source>The local copy was made by a newer version of the app: update the app.</source>
        <translation>La copie locale a été créée par une version plus récente de l’application : mettez l’application à jour.</translation>
    </message>
    <message>
        <source>This device&apos;s key does not open its local customer copy (it was copied from another device, or it is damaged). Delete the file {path} and start the app again: the customers are downloaded again.</source>
        <translation>La clé de cet appareil n’ouvre pas sa copie locale des clients (elle vient d’un autre appareil, ou elle est endommagée). Supprimez le fichier {path} et relancez l’application : les clients seront de nouveau téléchargés.</translation>
    </message>
    <message>
        <source>No French département has this postcode.</source>
        <translation>Aucun département français n’a ce code postal.</translation>
    </message>
    <message>
        <source>A French postcode is five digits.</source>
        <translation>Un code postal français a cinq chiffres.</translation>
    </message>
    <message>
        <source>The QR code cannot be drawn at this size.</source>
        <translation>Le QR code ne peut pas être dessiné à cette taille.</translation>
    </message>
    <message>
        <source>No customer has this card. Check the number, or enrol the customer.</source>
        <translation>Aucun client n’a cette carte. Vérifiez le numéro, ou inscrivez le client.</translation>
    </message>
    <message>
        <source>No customer of this store has this card, and the server cannot be reached to look further. Search by name, or try again when the network is back.</source>
        <translation>Aucun client du magasin n’a cette carte et le serveur est injoignable pour chercher plus loin. Cherchez par nom, ou réessayez quand le réseau sera revenu.</translation>
    </message>
    <message>
        <source>This is not a server address (it starts with https:// or http://).</source>
        <translation>Ce n’est pas une adresse de serveur (elle commence par https:// ou http://).</translation>
    </message>
    <message>
        <source>The app&apos;s settings file cannot be read: sign in again.</source>
        <translation>Le fichier de réglages de l’application est illisible : reconnectez-vous.</translation>
    </message>
    <message>
        <source>Not enough stock for {lines}: pick another store or change the order.</source>
        <translation>Stock insuffisant pour {lines} : choisissez un autre magasin ou modifiez la commande.</translation>
    </message>
    <message>
        <source>This is not a currency code.</source>
        <translation>Ce n’est pas un code de devise.</translation>
    </message>
    <message>
        <source>Choose the country of the address.</source>
        <translation>Choisissez le pays de l’adresse.</translation>
    </message>
    <message>
        <source>The address, the postcode and the city are needed for a delivery.</source>
        <translation>L’adresse, le code postal et la ville sont nécessaires pour une livraison.</translation>
    </message>
    <message>
        <source>Choose one to 500 clients and a seller to assign them to.</source>
        <translation>Choisissez de 1 à 500 clients et le vendeur à qui les attribuer.</translation>
    </message>
    <message>
        <source>Some of these customers are not clients of this store: nothing was assigned.</source>
        <translation>Certains de ces clients ne sont pas rattachés à ce magasin : rien n’a été attribué.</translation>
    </message>
    <message>
        <source>This person is not a seller of the store: choose another seller.</source>
        <translation>Cette personne n’est pas vendeur du magasin : choisissez un autre vendeur.</translation>
    </message>
    <message>
        <source>This seller works in another store: choose a seller of yours.</source>
        <translation>Ce vendeur travaille dans un autre magasin : choisissez un vendeur du vôtre.</translation>
    </message>
    <message>
        <source>The sync stopped unexpectedly and is starting again. Your work is kept.</source>
        <translation>La synchronisation s’est arrêtée de façon inattendue et redémarre. Votre travail est conservé.</translation>
    </message>
    <message>
        <source>The local copy is out of date and is being downloaded again.</source>
        <translation>La copie locale est périmée et est en cours de nouveau téléchargement.</translation>
    </message>
    <message>
        <source>This task is already done.</source>
        <translation>Cette tâche est déjà faite.</translation>
    </message>
    <message>
        <source>A task goes to a seller of the client&apos;s store: choose another seller.</source>
        <translation>Une tâche va à un vendeur du magasin du client : choisissez un autre vendeur.</translation>
    </message>
    <message>
        <source>Another task already has this number: create the task again.</source>
        <translation>Une autre tâche a déjà ce numéro : créez la tâche à nouveau.</translation>
    </message>
    <message>
        <source>The task is not complete: choose a seller, a channel, a due date and write why (500 characters at most).</source>
        <translation>La tâche n’est pas complète : choisissez un vendeur, un canal, une échéance et écrivez pourquoi (500 caractères au plus).</translation>
    </message>
    <message>
        <source>The client has not agreed to be contacted this way: choose a call or a visit, or record their consent first.</source>
        <translation>Le client n’a pas accepté d’être contacté de cette façon : choisissez un appel ou une visite, ou enregistrez d’abord son consentement.</translation>
    </message>
    <message>
        <source>This task is no longer on this device.</source>
        <translation>Cette tâche n’est plus sur cet appareil.</translation>
    </message>
    <message>
        <source>Mark the task done or choose a day to snooze it to.</source>
        <translation>Marquez la tâche comme faite ou choisissez le jour où la reporter.</translation>
    </message>
    <message>
        <source>Snooze the task to a later day than today.</source>
        <translation>Reportez la tâche à un jour après aujourd’hui.</translation>
    </message>
    <message>
        <source>The password is too short.</source>
        <translation>Le mot de passe est trop court.</translation>
    </message>
    <message>
        <source>Unknown role.</source>
        <translation>Rôle inconnu.</translation>
    </message>
    <message>
        <source>Unknown store.</source>
        <translation>Magasin inconnu.</translation>
    </message>
    <message>
        <source>This username is not valid.</source>
        <translation>Cet identifiant n’est pas valide.</translation>
    </message>
    <message>
        <source>This username is already taken.</source>
        <translation>Cet identifiant est déjà pris.</translation>
    </message>
    <message>
        <source>Some fields are not valid: {fields}.</source>
        <translation>Certains champs ne sont pas valides : {fields}.</translation>
    </message>
    <message>
        <source>This product is already on the wishlist.</source>
        <translation>Ce produit est déjà dans la liste d’envies.</translation>
    </message>
    <message>
        <source>This product is no longer on the wishlist.</source>
        <translation>Ce produit n’est plus dans la liste d’envies.</translation>
    </message>
    <message>
        <source>Something went wrong ({code}).</source>
        <translation>Un problème est survenu ({code}).</translation>
    </message>
    <message>
        <source>The server is in trouble (error {status}). It will be retried.</source>
        <translation>Le serveur est en difficulté (erreur {status}). Un nouvel essai sera fait.</translation>
    </message>
    <message>
        <source>The server refused this (error {status}).</source>
        <translation>Le serveur a refusé (erreur {status}).</translation>
    </message>
    <message>
        <source>{sku} ({requested} asked, {available} available)</source>
        <translation>{sku} ({requested} demandés, {available} disponibles)</translation>
    </message>
    <message>
        <source>The server cannot be reached: this needs a connection. Try again when the device is online.</source>
        <translation>Le serveur ne répond pas : il faut une connexion. Réessayez quand l’appareil sera en ligne.</translation>
    </message>
    <message>
        <source>Something unexpected happened. Your work is kept; try again.</source>
        <translation>Un imprévu est survenu. Votre travail est conservé ; réessayez.</translation>
    </message>
</context>
<context>
    <name>MyClients</name>
    <message>
        <source>Champions</source>
        <translation>Champions</translation>
    </message>
    <message>
        <source>Loyal</source>
        <translation>Fidèles</translation>
    </message>
    <message>
        <source>Promising</source>
        <translation>Prometteurs</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nouveaux</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>À risque</translation>
    </message>
    <message>
        <source>Hibernating</source>
        <translation>En sommeil</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>Perdus</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>Segment</translation>
    </message>
    <message>
        <source>Lifetime value</source>
        <translation>Valeur client</translation>
    </message>
    <message>
        <source>Last purchase</source>
        <translation>Dernier achat</translation>
    </message>
    <message>
        <source>May be contacted by</source>
        <translation>Joignable par</translation>
    </message>
    <message>
        <source>email</source>
        <translation>e-mail</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>neither email nor SMS</source>
        <translation>ni e-mail ni SMS</translation>
    </message>
    <message>
        <source>My clients</source>
        <translation>Mes clients</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <source>Search my clients by name, email or phone</source>
        <translation>Chercher parmi mes clients par nom, e-mail ou téléphone</translation>
    </message>
    <message>
        <source>Search my clients</source>
        <translation>Chercher parmi mes clients</translation>
    </message>
    <message>
        <source>Open the client</source>
        <translation>Ouvrir la fiche client</translation>
    </message>
    <message>
        <source>Loading your clients…</source>
        <translation>Chargement de vos clients…</translation>
    </message>
    <message>
        <source>No client matches this search.</source>
        <translation>Aucun client ne correspond à cette recherche.</translation>
    </message>
    <message>
        <source>No client is assigned to you yet: your manager assigns them from the client book.</source>
        <translation>Aucun client ne vous est encore attribué : votre responsable les attribue depuis le fichier clients.</translation>
    </message>
</context>
<context>
    <name>MyClientsScreen</name>
    <message numerus="yes">
        <source>%n client(s) assigned to you</source>
        <translation>
            <numerusform>%n client vous est attribué</numerusform>
            <numerusform>%n clients vous sont attribués</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <source>Add a note</source>
        <translation>Ajouter une note</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>What the customer told you, what to remember</source>
        <translation>Ce que le client vous a dit, ce qu’il faut retenir</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>Save the note</source>
        <translation>Enregistrer la note</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Write the note first.</source>
        <translation>Écrivez d’abord la note.</translation>
    </message>
    <message>
        <source>A note holds at most %1 characters (this one has %2).</source>
        <translation>Une note compte au plus %1 caractères (celle-ci en a %2).</translation>
    </message>
</context>
<context>
    <name>OpeningPage</name>
    <message>
        <source>Opening…</source>
        <translation>Ouverture…</translation>
    </message>
</context>
<context>
    <name>OrderScreen</name>
    <message>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <source>Open the customer</source>
        <translation>Ouvrir la fiche client</translation>
    </message>
    <message>
        <source>Mark ready</source>
        <translation>Marquer prête</translation>
    </message>
    <message>
        <source>Cancel and return to stock…</source>
        <translation>Annuler et remettre en stock…</translation>
    </message>
    <message>
        <source>Order status</source>
        <translation>État de la commande</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>Numéro de commande</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>Articles</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Paiement</translation>
    </message>
    <message>
        <source>Ready or delivery date</source>
        <translation>Date de retrait ou de livraison</translation>
    </message>
    <message>
        <source>Customer told</source>
        <translation>Client prévenu</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <source>Resolve the shortage…</source>
        <translation>Régler la rupture…</translation>
    </message>
    <message>
        <source>Pickup QR</source>
        <translation>QR de retrait</translation>
    </message>
    <message>
        <source>Pickup QR code</source>
        <translation>QR code de retrait</translation>
    </message>
    <message>
        <source>Pickup code</source>
        <translation>Code de retrait</translation>
    </message>
    <message>
        <source>Order %1</source>
        <translation>Commande %1</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Commande</translation>
    </message>
    <message>
        <source>Loading the order…</source>
        <translation>Chargement de la commande…</translation>
    </message>
    <message>
        <source>No order chosen. Open one from a customer&apos;s orders or from the pickups.</source>
        <translation>Aucune commande choisie. Ouvrez-en une depuis les commandes d’un client ou depuis les retraits.</translation>
    </message>
    <message>
        <source>For %1</source>
        <translation>Pour %1</translation>
    </message>
    <message>
        <source>Total %1</source>
        <translation>Total %1</translation>
    </message>
    <message>
        <source>(delivery %1 included)</source>
        <translation>(livraison %1 incluse)</translation>
    </message>
    <message>
        <source>The customer shows this code at the counter.</source>
        <translation>Le client présente ce code au comptoir.</translation>
    </message>
    <message>
        <source>Marked ready. The customer is told by the channel they agreed to as soon as the server has it.</source>
        <translation>Marquée prête. Le client est prévenu par le canal qu’il a accepté dès que le serveur la reçoit.</translation>
    </message>
    <message>
        <source>Cancel this order?</source>
        <translation>Annuler cette commande ?</translation>
    </message>
    <message>
        <source>Order %1 will be cancelled and its items returned to stock. Tell the customer. This cannot be undone.</source>
        <translation>La commande %1 sera annulée et ses articles remis en stock. Prévenez le client. C’est définitif.</translation>
    </message>
    <message>
        <source>Cancel the order</source>
        <translation>Annuler la commande</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>La garder</translation>
    </message>
    <message>
        <source>Order cancelled: its items are back in stock once the server has it.</source>
        <translation>Commande annulée : ses articles reviennent en stock dès que le serveur le reçoit.</translation>
    </message>
    <message>
        <source>Order %1 cancelled before it was sent: nothing reached the server.</source>
        <translation>Commande %1 annulée avant son envoi : rien n’a été transmis au serveur.</translation>
    </message>
</context>
<context>
    <name>OrdersModel</name>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Commande</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>%1 → %2 (waiting to be sent)</source>
        <translation>%1 → %2 (en attente d’envoi)</translation>
    </message>
    <message>
        <source>new order</source>
        <translation>nouvelle commande</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>depuis %1</translation>
    </message>
</context>
<context>
    <name>OutboxModel</name>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Made at</source>
        <translation>Fait à</translation>
    </message>
    <message>
        <source>Where it stands</source>
        <translation>Où en est-ce</translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation>Refusé : %1</translation>
    </message>
    <message>
        <source>Waiting for an earlier write</source>
        <translation>Attend une modification antérieure</translation>
    </message>
    <message numerus="yes">
        <source>Waiting · %n attempt(s)</source>
        <translation>
            <numerusform>En attente · %n essai</numerusform>
            <numerusform>En attente · %n essais</numerusform>
        </translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation>En attente d’envoi</translation>
    </message>
</context>
<context>
    <name>PaymentLinkScreen</name>
    <message>
        <source>Payment link</source>
        <translation>Lien de paiement</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>Payment link QR code</source>
        <translation>QR code du lien de paiement</translation>
    </message>
    <message>
        <source>Payment state</source>
        <translation>État du paiement</translation>
    </message>
    <message>
        <source>Payment link address</source>
        <translation>Adresse du lien de paiement</translation>
    </message>
    <message>
        <source>Back to the order</source>
        <translation>Retour à la commande</translation>
    </message>
    <message>
        <source>Payment link of order %1</source>
        <translation>Lien de paiement de la commande %1</translation>
    </message>
    <message>
        <source>Looking for the payment link…</source>
        <translation>Recherche du lien de paiement…</translation>
    </message>
    <message>
        <source>The link comes once the order reaches the server (it is waiting to be sent).</source>
        <translation>Le lien arrive quand la commande atteint le serveur (elle attend d’être envoyée).</translation>
    </message>
    <message>
        <source>Waiting for the server&apos;s link…</source>
        <translation>En attente du lien du serveur…</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Payé</translation>
    </message>
    <message>
        <source>Waiting for the payment: the customer scans the code with their phone.</source>
        <translation>En attente du paiement : le client scanne le code avec son téléphone.</translation>
    </message>
</context>
<context>
    <name>PickupQueueModel</name>
    <message>
        <source>Placed</source>
        <translation>Passée</translation>
    </message>
    <message>
        <source>Ready by</source>
        <translation>Prête le</translation>
    </message>
    <message>
        <source>Collected</source>
        <translation>Retirée</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Commande</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Articles</translation>
    </message>
</context>
<context>
    <name>PickupScreen</name>
    <message>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <source>Open the order</source>
        <translation>Ouvrir la commande</translation>
    </message>
    <message>
        <source>Pickup status</source>
        <translation>État du retrait</translation>
    </message>
    <message>
        <source>Check that the person is the customer, and their card:</source>
        <translation>Vérifiez que la personne est bien le client, et sa carte :</translation>
    </message>
    <message>
        <source>Customer name</source>
        <translation>Nom du client</translation>
    </message>
    <message>
        <source>Loyalty card</source>
        <translation>Carte de fidélité</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Commande</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>Articles</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Paiement</translation>
    </message>
    <message>
        <source>Customer told</source>
        <translation>Client prévenu</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Que faire</translation>
    </message>
    <message>
        <source>Mark ready</source>
        <translation>Marquer prête</translation>
    </message>
    <message>
        <source>Hand over: mark collected</source>
        <translation>Remettre : marquer retirée</translation>
    </message>
    <message>
        <source>Pickup</source>
        <translation>Retrait</translation>
    </message>
    <message>
        <source>Loading the order…</source>
        <translation>Chargement de la commande…</translation>
    </message>
    <message>
        <source>Scan the customer&apos;s pickup QR to find their order.</source>
        <translation>Scannez le QR de retrait du client pour trouver sa commande.</translation>
    </message>
    <message>
        <source>Card %1</source>
        <translation>Carte %1</translation>
    </message>
    <message>
        <source>No loyalty card yet</source>
        <translation>Pas encore de carte de fidélité</translation>
    </message>
    <message>
        <source>Order %1 · %2 · %3</source>
        <translation>Commande %1 · %2 · %3</translation>
    </message>
    <message>
        <source>Total %1</source>
        <translation>Total %1</translation>
    </message>
    <message>
        <source>This order is to be collected in another store (%1): it cannot be handed over here.</source>
        <translation>Cette commande est à retirer dans un autre magasin (%1) : elle ne peut pas être remise ici.</translation>
    </message>
    <message>
        <source>Already collected %1: do not hand it over again.</source>
        <translation>Déjà retirée %1 : ne la remettez pas une seconde fois.</translation>
    </message>
    <message>
        <source>This order was cancelled: nothing to hand over.</source>
        <translation>Cette commande a été annulée : rien à remettre.</translation>
    </message>
    <message>
        <source>This order has not reached the server yet: its items are not reserved. Check the shelf before handing it over.</source>
        <translation>Cette commande n’est pas encore parvenue au serveur : ses articles ne sont pas réservés. Vérifiez le rayon avant de la remettre.</translation>
    </message>
    <message>
        <source>Not ready yet: prepare it, mark it ready, then hand it over.</source>
        <translation>Pas encore prête : préparez-la, marquez-la prête, puis remettez-la.</translation>
    </message>
    <message>
        <source>Ready: check the customer, then hand it over.</source>
        <translation>Prête : vérifiez le client, puis remettez-la.</translation>
    </message>
    <message>
        <source>Payment taken?</source>
        <translation>Paiement encaissé ?</translation>
    </message>
    <message>
        <source>Order %1 is not paid yet. Take the payment of %2 at the till before handing it over.</source>
        <translation>La commande %1 n’est pas encore payée. Encaissez %2 en caisse avant de la remettre.</translation>
    </message>
    <message>
        <source>Payment taken: hand over</source>
        <translation>Paiement encaissé : remettre</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>Pas encore</translation>
    </message>
    <message>
        <source>Order %1 handed over.</source>
        <translation>Commande %1 remise.</translation>
    </message>
    <message>
        <source>Order %1 marked ready.</source>
        <translation>Commande %1 marquée prête.</translation>
    </message>
</context>
<context>
    <name>PickupStoresModel</name>
    <message>
        <source>%1 of %2 lines</source>
        <translation>%1 ligne(s) sur %2</translation>
    </message>
    <message>
        <source>everything</source>
        <translation>tout</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Magasin</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>Distance</translation>
    </message>
    <message>
        <source>On the shelf</source>
        <translation>En rayon</translation>
    </message>
    <message>
        <source>%1 (this store)</source>
        <translation>%1 (ce magasin)</translation>
    </message>
</context>
<context>
    <name>Pickups</name>
    <message>
        <source>%1 → %2 (waiting to be sent)</source>
        <translation>%1 → %2 (en attente d’envoi)</translation>
    </message>
    <message>
        <source>Paid at the till</source>
        <translation>Payée en caisse</translation>
    </message>
    <message>
        <source>Pay at pickup</source>
        <translation>Paiement au retrait</translation>
    </message>
    <message>
        <source>Payment link</source>
        <translation>Lien de paiement</translation>
    </message>
    <message>
        <source>Payment not recorded</source>
        <translation>Paiement non enregistré</translation>
    </message>
    <message>
        <source>paid</source>
        <translation>payée</translation>
    </message>
    <message>
        <source>not paid yet</source>
        <translation>pas encore payée</translation>
    </message>
    <message>
        <source>receipt %1</source>
        <translation>ticket %1</translation>
    </message>
    <message>
        <source>Ready by %1</source>
        <translation>Prête le %1</translation>
    </message>
    <message>
        <source>Ready date: given by the server once the order is sent</source>
        <translation>Date de retrait : donnée par le serveur une fois la commande envoyée</translation>
    </message>
    <message>
        <source>Delivered by %1</source>
        <translation>Livrée au plus tard le %1</translation>
    </message>
    <message>
        <source>The customer could not be told (no consent to email or SMS): call them.</source>
        <translation>Le client n’a pas pu être prévenu (pas d’accord pour l’e-mail ni le SMS) : appelez-le.</translation>
    </message>
    <message>
        <source>The customer was told by email that the order is ready.</source>
        <translation>Le client a été prévenu par e-mail que sa commande est prête.</translation>
    </message>
    <message>
        <source>The customer was told by SMS that the order is ready.</source>
        <translation>Le client a été prévenu par SMS que sa commande est prête.</translation>
    </message>
    <message>
        <source>reserved at %1</source>
        <translation>réservé à %1</translation>
    </message>
    <message>
        <source>reserved when sent</source>
        <translation>réservé à l’envoi</translation>
    </message>
</context>
<context>
    <name>PickupsScreen</name>
    <message>
        <source>Pickups</source>
        <translation>Retraits</translation>
    </message>
    <message>
        <source>How to hand over</source>
        <translation>Comment remettre une commande</translation>
    </message>
    <message>
        <source>Scan the customer&apos;s pickup QR anywhere in the app to hand the order over.</source>
        <translation>Scannez le QR de retrait du client n’importe où dans l’application pour lui remettre sa commande.</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Hors ligne</translation>
    </message>
    <message>
        <source>Offline: the counter is this device&apos;s copy. What you mark ready or collected is sent when the network is back.</source>
        <translation>Hors ligne : le comptoir est la copie de cet appareil. Ce que vous marquez prêt ou retiré est envoyé au retour du réseau.</translation>
    </message>
    <message>
        <source>Pickups status</source>
        <translation>État des retraits</translation>
    </message>
    <message>
        <source>Loading the pickups…</source>
        <translation>Chargement des retraits…</translation>
    </message>
    <message>
        <source>Pickup groups</source>
        <translation>Groupes de retraits</translation>
    </message>
    <message>
        <source>Nothing to prepare: every order for this store is ready.</source>
        <translation>Rien à préparer : toutes les commandes de ce magasin sont prêtes.</translation>
    </message>
    <message>
        <source>No order is waiting for its customer.</source>
        <translation>Aucune commande n’attend son client.</translation>
    </message>
    <message>
        <source>No order was collected today yet.</source>
        <translation>Aucune commande retirée aujourd’hui pour l’instant.</translation>
    </message>
    <message>
        <source>Open the order</source>
        <translation>Ouvrir la commande</translation>
    </message>
    <message>
        <source>Mark ready</source>
        <translation>Marquer prête</translation>
    </message>
    <message>
        <source>Hand over…</source>
        <translation>Remettre…</translation>
    </message>
    <message>
        <source>To prepare (%1)</source>
        <translation>À préparer (%1)</translation>
    </message>
    <message>
        <source>Ready (%1)</source>
        <translation>Prêtes (%1)</translation>
    </message>
    <message>
        <source>Collected today (%1)</source>
        <translation>Retirées aujourd’hui (%1)</translation>
    </message>
    <message>
        <source>Order %1 marked ready. The customer is told by the channel they agreed to.</source>
        <translation>Commande %1 marquée prête. Le client est prévenu par le canal qu’il a accepté.</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>Set a PIN for unlocking</source>
        <translation>Choisir un code PIN de déverrouillage</translation>
    </message>
    <message>
        <source>4 to 8 digits. It unlocks this device after inactivity, even without the network. It is not your password.</source>
        <translation>4 à 8 chiffres. Il déverrouille cet appareil après une inactivité, même sans réseau. Ce n’est pas votre mot de passe.</translation>
    </message>
    <message>
        <source>New PIN</source>
        <translation>Nouveau code PIN</translation>
    </message>
    <message>
        <source>New PIN again</source>
        <translation>Nouveau code PIN (confirmation)</translation>
    </message>
    <message>
        <source>Save the PIN</source>
        <translation>Enregistrer le code PIN</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>ProductPickerDialog</name>
    <message>
        <source>Add to the wishlist</source>
        <translation>Ajouter aux envies</translation>
    </message>
    <message>
        <source>Search products</source>
        <translation>Rechercher un produit</translation>
    </message>
    <message>
        <source>Product name, brand, SKU or scan the barcode</source>
        <translation>Nom, marque, référence du produit ou scannez le code-barres</translation>
    </message>
    <message>
        <source>Products found</source>
        <translation>Produits trouvés</translation>
    </message>
    <message>
        <source>Product search status</source>
        <translation>État de la recherche de produits</translation>
    </message>
    <message>
        <source>Type a product name or scan its barcode</source>
        <translation>Tapez le nom d’un produit ou scannez son code-barres</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message numerus="yes">
        <source>%n product(s)</source>
        <translation>
            <numerusform>%n produit</numerusform>
            <numerusform>%n produits</numerusform>
        </translation>
    </message>
    <message>
        <source>No product matches «%1»</source>
        <translation>Aucun produit ne correspond à « %1 »</translation>
    </message>
</context>
<context>
    <name>ProductScreen</name>
    <message>
        <source>Customer being served</source>
        <translation>Client en cours</translation>
    </message>
    <message>
        <source>Choose the customer</source>
        <translation>Choisir le client</translation>
    </message>
    <message>
        <source>Search products</source>
        <translation>Rechercher un produit</translation>
    </message>
    <message>
        <source>Name, brand, SKU, or scan the barcode</source>
        <translation>Nom, marque, référence, ou scannez le code-barres</translation>
    </message>
    <message>
        <source>Products found</source>
        <translation>Produits trouvés</translation>
    </message>
    <message>
        <source>Product search status</source>
        <translation>État de la recherche de produits</translation>
    </message>
    <message>
        <source>Scan a product&apos;s barcode anywhere, or search it by name, brand or SKU.</source>
        <translation>Scannez le code-barres d’un produit n’importe où, ou cherchez-le par nom, marque ou référence.</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Produit</translation>
    </message>
    <message>
        <source>Brand, reference and barcode</source>
        <translation>Marque, référence et code-barres</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Prix</translation>
    </message>
    <message>
        <source>Add to cart</source>
        <translation>Ajouter au panier</translation>
    </message>
    <message>
        <source>Add to wishlist</source>
        <translation>Ajouter aux envies</translation>
    </message>
    <message>
        <source>Stock in the chain</source>
        <translation>Stock dans l’enseigne</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Where the stock figures come from</source>
        <translation>D’où viennent les chiffres de stock</translation>
    </message>
    <message>
        <source>Stock in every store</source>
        <translation>Stock dans chaque magasin</translation>
    </message>
    <message>
        <source>No customer chosen: choose one to add to their cart or wishlist.</source>
        <translation>Aucun client choisi : choisissez-en un pour ajouter à son panier ou à ses envies.</translation>
    </message>
    <message>
        <source>Another customer</source>
        <translation>Autre client</translation>
    </message>
    <message>
        <source>Serving a customer</source>
        <translation>Client en cours</translation>
    </message>
    <message>
        <source>Serving %1</source>
        <translation>Client : %1</translation>
    </message>
    <message>
        <source>The product goes to the cart or wishlist of the customer you choose.</source>
        <translation>Le produit va dans le panier ou les envies du client choisi.</translation>
    </message>
    <message numerus="yes">
        <source>%n product(s)</source>
        <translation>
            <numerusform>%n produit</numerusform>
            <numerusform>%n produits</numerusform>
        </translation>
    </message>
    <message>
        <source>No product matches «%1»</source>
        <translation>Aucun produit ne correspond à « %1 »</translation>
    </message>
    <message>
        <source>Type a name, a brand or a SKU.</source>
        <translation>Tapez un nom, une marque ou une référence.</translation>
    </message>
    <message>
        <source>Loading the product…</source>
        <translation>Chargement du produit…</translation>
    </message>
    <message>
        <source>Asking the server for live figures…</source>
        <translation>Demande des chiffres en direct au serveur…</translation>
    </message>
    <message>
        <source>SKU %1</source>
        <translation>Réf. %1</translation>
    </message>
    <message>
        <source>EAN %1</source>
        <translation>EAN %1</translation>
    </message>
    <message>
        <source>Live figures from the server, %1.</source>
        <translation>Chiffres en direct du serveur, %1.</translation>
    </message>
    <message>
        <source>No stock figure on this device for this product.</source>
        <translation>Aucun chiffre de stock sur cet appareil pour ce produit.</translation>
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
            <numerusform>%n heure</numerusform>
            <numerusform>%n heures</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n jour</numerusform>
            <numerusform>%n jours</numerusform>
        </translation>
    </message>
    <message>
        <source>Figures kept on this device for %1 of %2 stores, the oldest from %3 ago.</source>
        <translation>Chiffres gardés sur cet appareil pour %1 magasins sur %2, le plus ancien date de %3.</translation>
    </message>
    <message>
        <source>Offline:</source>
        <translation>Hors ligne :</translation>
    </message>
    <message>
        <source>%1 added to the cart of %2 (%3 in the cart).</source>
        <translation>%1 ajouté au panier de %2 (%3 dans le panier).</translation>
    </message>
    <message>
        <source>%1 added to the wishlist of %2: waiting to be sent.</source>
        <translation>%1 ajouté aux envies de %2 : en attente d’envoi.</translation>
    </message>
</context>
<context>
    <name>QuoteLinesModel</name>
    <message>
        <source>Product</source>
        <translation>Produit</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantité</translation>
    </message>
    <message>
        <source>Comes from</source>
        <translation>Provenance</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
</context>
<context>
    <name>Rail</name>
    <message>
        <source>Clients</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Produits</translation>
    </message>
    <message>
        <source>Cart</source>
        <translation>Panier</translation>
    </message>
    <message>
        <source>Pickups</source>
        <translation>Retraits</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>Tâches</translation>
    </message>
    <message>
        <source>Client book</source>
        <translation>Portefeuille</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Appareils</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Synchro</translation>
    </message>
</context>
<context>
    <name>ScanRouter</name>
    <message>
        <source>%1 (%2), %3, reference %4: this is a product code. To serve a customer, scan their loyalty card or type their name.</source>
        <translation>%1 (%2), %3, référence %4 : c’est un code produit. Pour servir un client, scannez sa carte de fidélité ou tapez son nom.</translation>
    </message>
    <message>
        <source>Pickup code of order %1 (%2): the order is selected in the customer&apos;s orders.</source>
        <translation>Code de retrait de la commande %1 (%2) : la commande est sélectionnée dans les commandes du client.</translation>
    </message>
</context>
<context>
    <name>ShortageScreen</name>
    <message>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <source>Open the customer</source>
        <translation>Ouvrir la fiche client</translation>
    </message>
    <message>
        <source>Shortage status</source>
        <translation>État de la rupture</translation>
    </message>
    <message>
        <source>Short order</source>
        <translation>Commande en rupture</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Pourquoi</translation>
    </message>
    <message>
        <source>Lines short</source>
        <translation>Articles manquants</translation>
    </message>
    <message>
        <source>Stock figures</source>
        <translation>Niveaux de stock</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Que faire</translation>
    </message>
    <message>
        <source>Source it from the stores that have it</source>
        <translation>La faire venir des magasins qui ont le stock</translation>
    </message>
    <message>
        <source>Deliver it to the customer&apos;s home</source>
        <translation>La livrer au domicile du client</translation>
    </message>
    <message>
        <source>Fewer units</source>
        <translation>Moins d’unités</translation>
    </message>
    <message>
        <source>Cancel the order and tell the customer</source>
        <translation>Annuler la commande et prévenir le client</translation>
    </message>
    <message>
        <source>Where it comes from</source>
        <translation>D’où viennent les articles</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Code postal</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ville</translation>
    </message>
    <message>
        <source>Delivery method</source>
        <translation>Mode de livraison</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Express</source>
        <translation>Express</translation>
    </message>
    <message>
        <source>Store courier</source>
        <translation>Coursier du magasin</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Paiement</translation>
    </message>
    <message>
        <source>Paid at the till</source>
        <translation>Payée en caisse</translation>
    </message>
    <message>
        <source>Payment link</source>
        <translation>Lien de paiement</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>Address problem</source>
        <translation>Problème d’adresse</translation>
    </message>
    <message>
        <source>How to reach the customer</source>
        <translation>Comment joindre le client</translation>
    </message>
    <message>
        <source>Send the corrected order</source>
        <translation>Envoyer la commande corrigée</translation>
    </message>
    <message>
        <source>Stock shortage</source>
        <translation>Rupture de stock</translation>
    </message>
    <message>
        <source>Checking the stock…</source>
        <translation>Vérification du stock…</translation>
    </message>
    <message>
        <source>No order is waiting for a decision: every order made on this device was reserved.</source>
        <translation>Aucune commande n’attend de décision : toutes les commandes passées sur cet appareil ont été réservées.</translation>
    </message>
    <message>
        <source>This order is no longer waiting for a decision: it was resolved or cancelled.</source>
        <translation>Cette commande n’attend plus de décision : elle a été réglée ou annulée.</translation>
    </message>
    <message>
        <source>Order %1 for %2: not enough stock</source>
        <translation>Commande %1 pour %2 : stock insuffisant</translation>
    </message>
    <message>
        <source>This order was confirmed on this device before the server could reserve it, and when it was sent the stock was no longer there. The customer keeps the number %1 (and their pickup QR): it stays valid whatever you choose.</source>
        <translation>Cette commande a été confirmée sur cet appareil avant que le serveur ne puisse la réserver, et à son envoi le stock n’était plus là. Le client garde le numéro %1 (et son QR de retrait) : il reste valable quel que soit votre choix.</translation>
    </message>
    <message>
        <source>%1 × %2: %3 in the chain now (%4)</source>
        <translation>%1 × %2 : %3 dans l’enseigne à présent (%4)</translation>
    </message>
    <message>
        <source>nowhere</source>
        <translation>nulle part</translation>
    </message>
    <message>
        <source>Stock figures: the server&apos;s, just now.</source>
        <translation>Niveaux de stock : ceux du serveur, à l’instant.</translation>
    </message>
    <message>
        <source>Stock figures: this device&apos;s copy (the server cannot be reached); the server checks again when the order is sent.</source>
        <translation>Niveaux de stock : copie de cet appareil (le serveur ne répond pas) ; le serveur vérifie à nouveau à l’envoi.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>%1 from %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <source>The stores together do not have enough: choose fewer units, or cancel.</source>
        <translation>Les magasins réunis n’en ont pas assez : choisissez moins d’unités, ou annulez.</translation>
    </message>
    <message>
        <source>Tell the customer their order %1 is cancelled: %2</source>
        <translation>Prévenez le client que sa commande %1 est annulée : %2</translation>
    </message>
    <message>
        <source>no phone or email on file</source>
        <translation>ni téléphone ni e-mail enregistré</translation>
    </message>
    <message>
        <source>Units of %1</source>
        <translation>Unités de %1</translation>
    </message>
    <message>
        <source>Cancel the order</source>
        <translation>Annuler la commande</translation>
    </message>
    <message>
        <source>Fill in the address, the postcode and the city.</source>
        <translation>Renseignez l’adresse, le code postal et la ville.</translation>
    </message>
    <message>
        <source>This is not a French postcode: five digits of an existing département.</source>
        <translation>Ce n’est pas un code postal français : cinq chiffres d’un département existant.</translation>
    </message>
    <message>
        <source>Order %1 cancelled. Remember to tell the customer.</source>
        <translation>Commande %1 annulée. Pensez à prévenir le client.</translation>
    </message>
    <message>
        <source>Order %1 corrected: it is sent again under the same number.</source>
        <translation>Commande %1 corrigée : elle est renvoyée sous le même numéro.</translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message>
        <source>Clienteling</source>
        <translation>Clienteling</translation>
    </message>
    <message>
        <source>Sign in with the account your store gave you.</source>
        <translation>Connectez-vous avec le compte fourni par votre magasin.</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Adresse du serveur</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>Stay signed in on this device</source>
        <translation>Rester connecté sur cet appareil</translation>
    </message>
    <message>
        <source>This device has no system keyring. Ticked, the sign-in is kept in a file encrypted for this device and this user; unticked, it ends when the app closes.</source>
        <translation>Cet appareil n’a pas de trousseau système. Cochée, la connexion est gardée dans un fichier chiffré pour cet appareil et cet utilisateur ; décochée, elle prend fin à la fermeture de l’application.</translation>
    </message>
    <message>
        <source>Sign-in problem</source>
        <translation>Problème de connexion</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <source>No server yet? The demo runs one on this computer, with made-up stores, products and customers.</source>
        <translation>Pas encore de serveur ? La démo en lance un sur cet ordinateur, avec des magasins, des produits et des clients fictifs.</translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation>Essayer la démo</translation>
    </message>
    <message>
        <source>Fill in the server address, your username and your password.</source>
        <translation>Renseignez l’adresse du serveur, votre identifiant et votre mot de passe.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Connexion…</translation>
    </message>
</context>
<context>
    <name>StockModel</name>
    <message>
        <source>(−%1 waiting to be sent)</source>
        <translation>(−%1 en attente d’envoi)</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Magasin</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>Distance</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>En stock</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>Réservé</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Disponible</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>Mis à jour</translation>
    </message>
    <message>
        <source>%1 (this store)</source>
        <translation>%1 (ce magasin)</translation>
    </message>
    <message>
        <source>not known here</source>
        <translation>inconnu ici</translation>
    </message>
</context>
<context>
    <name>SyncScreen</name>
    <message>
        <source>New customer</source>
        <translation>Nouveau client</translation>
    </message>
    <message>
        <source>Contact details change</source>
        <translation>Modification des coordonnées</translation>
    </message>
    <message>
        <source>Consent change</source>
        <translation>Changement de consentement</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Added to the wishlist</source>
        <translation>Ajout à la liste d’envies</translation>
    </message>
    <message>
        <source>Removed from the wishlist</source>
        <translation>Retrait de la liste d’envies</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Commande</translation>
    </message>
    <message>
        <source>Order status change</source>
        <translation>Changement de statut de commande</translation>
    </message>
    <message>
        <source>New follow-up task</source>
        <translation>Nouvelle tâche de suivi</translation>
    </message>
    <message>
        <source>Follow-up done or snoozed</source>
        <translation>Suivi fait ou reporté</translation>
    </message>
    <message>
        <source>Clients assigned to a seller</source>
        <translation>Clients attribués à un vendeur</translation>
    </message>
    <message>
        <source>Client list exported</source>
        <translation>Liste de clients exportée</translation>
    </message>
    <message>
        <source>customers</source>
        <translation>clients</translation>
    </message>
    <message>
        <source>orders</source>
        <translation>commandes</translation>
    </message>
    <message>
        <source>products</source>
        <translation>produits</translation>
    </message>
    <message>
        <source>stock figures</source>
        <translation>niveaux de stock</translation>
    </message>
    <message>
        <source>stores</source>
        <translation>magasins</translation>
    </message>
    <message>
        <source>wishlist items</source>
        <translation>envies</translation>
    </message>
    <message>
        <source>timeline entries</source>
        <translation>événements de l’historique</translation>
    </message>
    <message>
        <source>follow-up tasks</source>
        <translation>tâches de suivi</translation>
    </message>
    <message>
        <source>Sync state</source>
        <translation>État de la synchronisation</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Synchroniser maintenant</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Raison</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Dernière synchronisation</translation>
    </message>
    <message>
        <source>Download progress</source>
        <translation>Progression du téléchargement</translation>
    </message>
    <message>
        <source>Sign in again</source>
        <translation>Se reconnecter</translation>
    </message>
    <message>
        <source>Unsent work</source>
        <translation>Travail non envoyé</translation>
    </message>
    <message>
        <source>Nothing unsent</source>
        <translation>Rien en attente</translation>
    </message>
    <message>
        <source>Selected write</source>
        <translation>Modification choisie</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>Renvoyer</translation>
    </message>
    <message>
        <source>Discard…</source>
        <translation>Abandonner…</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Abandonner</translation>
    </message>
    <message>
        <source>Resolve the shortage…</source>
        <translation>Régler la rupture…</translation>
    </message>
    <message>
        <source>Resolve the shortage</source>
        <translation>Régler la rupture</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Synchro</translation>
    </message>
    <message>
        <source>The store&apos;s data is still downloading (%1 received). Search may miss some customers until it has finished.</source>
        <translation>Les données du magasin sont encore en téléchargement (%1 reçus). La recherche peut manquer des clients jusqu’à la fin.</translation>
    </message>
    <message>
        <source>The server refused some writes. Choose each one below: send it again once fixed, or discard it.</source>
        <translation>Le serveur a refusé certaines modifications. Décidez pour chacune ci-dessous : la renvoyer une fois corrigée, ou l’abandonner.</translation>
    </message>
    <message>
        <source>Nothing is lost: it is sent as soon as the server answers.</source>
        <translation>Rien n’est perdu : l’envoi se fait dès que le serveur répond.</translation>
    </message>
    <message>
        <source>Not synced yet.</source>
        <translation>Pas encore synchronisé.</translation>
    </message>
    <message>
        <source>Last sync: %1.</source>
        <translation>Dernière synchronisation : %1.</translation>
    </message>
    <message>
        <source>It brought %1.</source>
        <translation>Reçu : %1.</translation>
    </message>
    <message>
        <source>Nothing new.</source>
        <translation>Rien de nouveau.</translation>
    </message>
    <message>
        <source>Received since %1: %2.</source>
        <translation>Reçu depuis %1 : %2.</translation>
    </message>
    <message>
        <source>Unsent work · %1 waiting, %2 refused</source>
        <translation>Travail non envoyé · %1 en attente, %2 refusé(s)</translation>
    </message>
    <message>
        <source>Nothing is waiting: every note, consent and order made on this device has reached the server.</source>
        <translation>Rien n’est en attente : chaque note, consentement et commande faits sur cet appareil est parvenu au serveur.</translation>
    </message>
    <message>
        <source>The customer holds this order&apos;s number: choose where the items come from, fewer units, delivery, or cancel. The number stays valid.</source>
        <translation>Le client a le numéro de cette commande : choisissez d’où viennent les articles, moins d’unités, la livraison, ou l’annulation. Le numéro reste valable.</translation>
    </message>
    <message>
        <source>Fix what the reason says (in the customer&apos;s screen), then send it again; or discard it if it should not be sent.</source>
        <translation>Corrigez ce qu’indique la raison (dans la fiche du client), puis renvoyez ; ou abandonnez si cela ne doit pas partir.</translation>
    </message>
    <message>
        <source>It is sent automatically; nothing to do.</source>
        <translation>L’envoi est automatique ; rien à faire.</translation>
    </message>
    <message>
        <source>Discard this write?</source>
        <translation>Abandonner cette modification ?</translation>
    </message>
    <message>
        <source>“%1” will never reach the server. This cannot be undone.</source>
        <translation>« %1 » ne parviendra jamais au serveur. C’est irréversible.</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>La garder</translation>
    </message>
    <message>
        <source>Discard for good</source>
        <translation>Abandonner définitivement</translation>
    </message>
</context>
<context>
    <name>TaskNewScreen</name>
    <message>
        <source>New follow-up task</source>
        <translation>Nouvelle tâche de suivi</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Pour</translation>
    </message>
    <message>
        <source>Seller</source>
        <translation>Vendeur</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>Channel: %1</source>
        <translation>Canal : %1</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Échéance</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Date d’échéance</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Pourquoi</translation>
    </message>
    <message>
        <source>What to tell the client, or why they should come back</source>
        <translation>Ce qu’il faut dire au client, ou pourquoi le faire revenir</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>New task</source>
        <translation>Nouvelle tâche</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Clients concernés</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>Only a manager gives follow-up tasks.</source>
        <translation>Seul un responsable donne des tâches de suivi.</translation>
    </message>
    <message>
        <source>None of these clients is on this device.</source>
        <translation>Aucun de ces clients n’est sur cet appareil.</translation>
    </message>
    <message numerus="yes">
        <source>About %n client(s)</source>
        <translation>
            <numerusform>Client concerné (%n)</numerusform>
            <numerusform>Clients concernés (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>et %n autre</numerusform>
            <numerusform>et %n autres</numerusform>
        </translation>
    </message>
    <message>
        <source>Seller %1</source>
        <translation>Vendeur %1</translation>
    </message>
    <message>
        <source>This store has no seller to give a task to.</source>
        <translation>Ce magasin n’a aucun vendeur à qui donner une tâche.</translation>
    </message>
    <message>
        <source>None of these clients agreed to be contacted by %1: choose a call or a visit.</source>
        <translation>Aucun de ces clients n’a accepté d’être contacté par %1 : choisissez un appel ou une visite.</translation>
    </message>
    <message>
        <source>%1 of these clients did not agree to be contacted by %2: no task is made for them (%3).</source>
        <translation>%1 de ces clients n’ont pas accepté d’être contactés par %2 : aucune tâche n’est créée pour eux (%3).</translation>
    </message>
    <message numerus="yes">
        <source>Create %n task(s)</source>
        <translation>
            <numerusform>Créer %n tâche</numerusform>
            <numerusform>Créer %n tâches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n task(s) created: sent to the seller with the next sync.</source>
        <translation>
            <numerusform>%n tâche créée : envoyée au vendeur à la prochaine synchro.</numerusform>
            <numerusform>%n tâches créées : envoyées au vendeur à la prochaine synchro.</numerusform>
        </translation>
    </message>
    <message>
        <source>The new collection is in store: invite them to come and see it.</source>
        <translation>La nouvelle collection est arrivée : invitez ce client à venir la découvrir.</translation>
    </message>
</context>
<context>
    <name>Tasks</name>
    <message>
        <source>Call</source>
        <translation>Appel</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Visite</translation>
    </message>
    <message>
        <source>Done %1</source>
        <translation>Fait le %1</translation>
    </message>
    <message>
        <source>Done on this device</source>
        <translation>Fait sur cet appareil</translation>
    </message>
    <message>
        <source>Snoozed until %1</source>
        <translation>Reportée au %1</translation>
    </message>
    <message>
        <source>Overdue since %1</source>
        <translation>En retard depuis le %1</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Aujourd’hui</translation>
    </message>
    <message>
        <source>Refused by the server</source>
        <translation>Refusée par le serveur</translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation>En attente d’envoi</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Faite</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>À faire</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Échéance</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Pourquoi</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Client %1</source>
        <translation>Client %1</translation>
    </message>
</context>
<context>
    <name>TasksScreen</name>
    <message>
        <source>My tasks</source>
        <translation>Mes tâches</translation>
    </message>
    <message>
        <source>To do</source>
        <translation>À faire</translation>
    </message>
    <message>
        <source>Snoozed</source>
        <translation>Reportées</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Faites</translation>
    </message>
    <message>
        <source>Show the tasks: %1</source>
        <translation>Afficher les tâches : %1</translation>
    </message>
    <message>
        <source>My clients</source>
        <translation>Mes clients</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>Tâches</translation>
    </message>
    <message>
        <source>Mark done</source>
        <translation>Marquer comme faite</translation>
    </message>
    <message>
        <source>Mark the task done</source>
        <translation>Marquer la tâche comme faite</translation>
    </message>
    <message>
        <source>Snooze until</source>
        <translation>Reporter au</translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation>Reporter</translation>
    </message>
    <message>
        <source>Snooze the task to the chosen day</source>
        <translation>Reporter la tâche au jour choisi</translation>
    </message>
    <message>
        <source>Open the client</source>
        <translation>Ouvrir la fiche client</translation>
    </message>
    <message>
        <source>Offline: what you mark here is kept on this device and sent when the network is back.</source>
        <translation>Hors ligne : ce que vous marquez ici est gardé sur cet appareil et envoyé au retour du réseau.</translation>
    </message>
    <message>
        <source>Loading your tasks…</source>
        <translation>Chargement de vos tâches…</translation>
    </message>
    <message>
        <source>%1 due today or earlier · %2 to do · %3 snoozed · %4 done</source>
        <translation>%1 à faire aujourd’hui ou en retard · %2 à faire · %3 reportées · %4 faites</translation>
    </message>
    <message>
        <source>Nothing to follow up: no open task. Your manager&apos;s new tasks appear here.</source>
        <translation>Rien à suivre : aucune tâche ouverte. Les nouvelles tâches de votre responsable apparaissent ici.</translation>
    </message>
    <message>
        <source>No snoozed task.</source>
        <translation>Aucune tâche reportée.</translation>
    </message>
    <message>
        <source>No task done yet.</source>
        <translation>Aucune tâche faite pour l’instant.</translation>
    </message>
    <message>
        <source>Marked done.</source>
        <translation>Marquée comme faite.</translation>
    </message>
    <message>
        <source>Snoozed: it comes back on its day.</source>
        <translation>Reportée : elle reviendra le jour choisi.</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>Order {number}: 1 item, {total}, {where}</source>
        <translation>Commande {number} : 1 article, {total}, {where}</translation>
    </message>
    <message>
        <source>Order {number}: {items} items, {total}, {where}</source>
        <translation>Commande {number} : {items} articles, {total}, {where}</translation>
    </message>
    <message>
        <source>{fulfilment} at {store}</source>
        <translation>{fulfilment} à {store}</translation>
    </message>
    <message>
        <source>Enrolled, card {card}</source>
        <translation>Inscription, carte {card}</translation>
    </message>
    <message>
        <source>Enrolled, card {card}; consents: {consents}</source>
        <translation>Inscription, carte {card} ; consentements : {consents}</translation>
    </message>
    <message>
        <source>{channel} consent granted ({source})</source>
        <translation>Consentement {channel} donné ({source})</translation>
    </message>
    <message>
        <source>{channel} consent withdrawn ({source})</source>
        <translation>Consentement {channel} retiré ({source})</translation>
    </message>
    <message>
        <source>Order {number} ready at {store}: customer told by {channel}</source>
        <translation>Commande {number} prête à {store} : client prévenu par {channel}</translation>
    </message>
    <message>
        <source>Order {number} ready at {store}: no consent to tell the customer</source>
        <translation>Commande {number} prête à {store} : aucun consentement pour prévenir le client</translation>
    </message>
    <message>
        <source>Payment received for order {number}: {total}</source>
        <translation>Paiement reçu pour la commande {number} : {total}</translation>
    </message>
    <message>
        <source>in store</source>
        <translation>en magasin</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>importé</translation>
    </message>
    <message>
        <source>on the web</source>
        <translation>sur le site web</translation>
    </message>
    <message>
        <source>in the app</source>
        <translation>dans l’application</translation>
    </message>
    <message>
        <source>at enrolment</source>
        <translation>à l’inscription</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Résumé</translation>
    </message>
</context>
<context>
    <name>Vocabulary</name>
    <message>
        <source>Pending</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Confirmée</translation>
    </message>
    <message>
        <source>Ready for pickup</source>
        <translation>Prête au retrait</translation>
    </message>
    <message>
        <source>Collected</source>
        <translation>Retirée</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>Expédiée</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Livrée</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulée</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Retournée</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Magasin</translation>
    </message>
    <message>
        <source>Web</source>
        <translation>Web</translation>
    </message>
    <message>
        <source>App</source>
        <translation>Appli</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>Customer service</source>
        <translation>Service client</translation>
    </message>
    <message>
        <source>Purchase</source>
        <translation>Achat</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Commande</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Retour</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>Réclamation</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Demande</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Consentement</translation>
    </message>
    <message>
        <source>Enrolment</source>
        <translation>Inscription</translation>
    </message>
    <message>
        <source>Wishlist</source>
        <translation>Envies</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Visite</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>Avis</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Appel</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Membre</translation>
    </message>
    <message>
        <source>Basic</source>
        <translation>Essentiel</translation>
    </message>
    <message>
        <source>Silver</source>
        <translation>Argent</translation>
    </message>
    <message>
        <source>Gold</source>
        <translation>Or</translation>
    </message>
    <message>
        <source>Platinum</source>
        <translation>Platine</translation>
    </message>
    <message>
        <source>Click and collect</source>
        <translation>Retrait en magasin</translation>
    </message>
    <message>
        <source>Home delivery</source>
        <translation>Livraison à domicile</translation>
    </message>
    <message>
        <source>In store</source>
        <translation>En magasin</translation>
    </message>
    <message>
        <source>waiting to be sent</source>
        <translation>en attente d’envoi</translation>
    </message>
    <message>
        <source>not sent: needs your decision</source>
        <translation>non envoyé : votre décision est attendue</translation>
    </message>
</context>
<context>
    <name>WishlistModel</name>
    <message>
        <source>Product</source>
        <translation>Produit</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Prix</translation>
    </message>
    <message>
        <source>In this store</source>
        <translation>Dans ce magasin</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Ajouté le</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <source>out of stock</source>
        <translation>en rupture</translation>
    </message>
    <message numerus="yes">
        <source>%n available</source>
        <translation>
            <numerusform>%n disponible</numerusform>
            <numerusform>%n disponibles</numerusform>
        </translation>
    </message>
</context>
</TS>
