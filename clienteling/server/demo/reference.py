"""What the demo chain is made of: real store addresses, French names, brands, products, and
the words of customer service. The generator draws from these; nothing here is random."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoStore:
    store_id: str
    name: str
    address: str
    postcode: str
    city: str
    latitude: float
    longitude: float
    click_and_collect: bool
    weight: int  # share of the chain's customers


# Shops on real shopping streets, with the coordinates of the address.
STORES: tuple[DemoStore, ...] = (
    DemoStore("PAR01", "Paris Rivoli", "144 rue de Rivoli", "75001", "Paris",
              48.8609, 2.3425, True, 14),
    DemoStore("PAR02", "Paris Haussmann", "40 boulevard Haussmann", "75009", "Paris",
              48.8736, 2.3321, True, 14),
    DemoStore("LYS01", "Lyon République", "58 rue de la République", "69002", "Lyon",
              45.7617, 4.8357, True, 10),
    DemoStore("MRS01", "Marseille Saint-Ferréol", "53 rue Saint-Ferréol", "13001", "Marseille",
              43.2930, 5.3783, True, 9),
    DemoStore("BOD01", "Bordeaux Sainte-Catherine", "90 rue Sainte-Catherine", "33000",
              "Bordeaux", 44.8392, -0.5738, True, 8),
    DemoStore("LIL01", "Lille Rue Neuve", "31 rue Neuve", "59000", "Lille",
              50.6368, 3.0651, True, 8),
    DemoStore("TLS01", "Toulouse Alsace-Lorraine", "40 rue d'Alsace-Lorraine", "31000",
              "Toulouse", 43.6037, 1.4456, True, 8),
    DemoStore("NTE01", "Nantes Crébillon", "2 rue Crébillon", "44000", "Nantes",
              47.2130, -1.5612, True, 7),
    DemoStore("SXB01", "Strasbourg Grandes Arcades", "15 rue des Grandes Arcades", "67000",
              "Strasbourg", 48.5835, 7.7472, True, 6),
    DemoStore("NCE01", "Nice Jean-Médecin", "30 avenue Jean-Médecin", "06000", "Nice",
              43.7009, 7.2681, True, 6),
    DemoStore("RNS01", "Rennes Le Bastard", "10 rue Le Bastard", "35000", "Rennes",
              48.1120, -1.6795, True, 5),
    DemoStore("MPL01", "Montpellier La Loge", "5 rue de la Loge", "34000", "Montpellier",
              43.6104, 3.8768, False, 5),
)

FEMALE_FIRST_NAMES = (
    "Camille", "Léa", "Manon", "Chloé", "Emma", "Inès", "Jade", "Louise", "Lucie", "Sarah",
    "Zoé", "Juliette", "Hélène", "Gaëlle", "Anaïs", "Élodie", "Mélanie", "Céline", "Sophie",
    "Nathalie", "Isabelle", "Sandrine", "Valérie", "Aurélie", "Émilie", "Margaux", "Clémence",
    "Océane", "Maëlys", "Noémie", "Agnès", "Françoise", "Brigitte", "Élise", "Joséphine",
    "Solène", "Léonie", "Anne", "Claire", "Marie", "Bérénice", "Capucine", "Héloïse", "Danièle",
    "Géraldine", "Laëtitia", "Rose", "Alice", "Ambre", "Lou",
)
MALE_FIRST_NAMES = (
    "Thomas", "Lucas", "Hugo", "Louis", "Nathan", "Gabriel", "Jules", "Arthur", "Raphaël",
    "Théo", "Léo", "Maxime", "Antoine", "Nicolas", "Julien", "Sébastien", "Benoît", "Jérôme",
    "Stéphane", "Frédéric", "François", "Olivier", "Pierre", "Jean", "Michel", "Philippe",
    "Laurent", "Éric", "Cédric", "Grégoire", "Mathéo", "Noé", "Timothée", "Loïc", "Gaël",
    "Aurélien", "Clément", "Étienne", "Hervé", "Rémi", "Valentin", "Baptiste", "Quentin",
    "Adrien", "Joël", "Anatole", "Côme", "Jérémy", "Mathis", "Yanis",
)
LAST_NAMES = (
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
    "Vincent", "Fournier", "Morel", "Girard", "André", "Lefebvre", "Mercier", "Dupont",
    "Lambert", "Bonnet", "François", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau",
    "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin", "Morin", "Mathieu",
    "Clément", "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin", "Masson",
    "Sanchez", "Gérard", "Nguyen", "Boyer", "Denis", "Lemaire", "Duval", "Joly", "Gautier",
    "Roger", "Roche", "Roy", "Noël", "Meyer", "Lucas", "Meunier", "Pérez", "Marchand",
    "Dufour", "Blanchard", "Barbier", "Brun", "Dumas", "Brunet", "Schmitt", "Leroux", "Colin",
    "Fernandez", "Renard", "Arnaud", "Rolland", "Caron", "Aubert", "Giraud", "Leclerc", "Vidal",
    "Bourgeois", "Renaud", "Lemoine", "Picard", "Gaillard", "Leclercq", "Lacroix", "Fabre",
    "Dupuis", "Olivier", "Da Silva", "Hubert", "Rivière", "Le Gall", "Guillaume", "Adam",
    "Moulin", "Berger", "Lecomte", "Ménard", "Fleury", "Deschamps", "Carpentier", "Benoît",
    "Maillard", "Aubry", "Le Roux", "Jacquet", "Prévost", "Poirier", "Charpentier", "Huet",
    "Carré", "Rémy", "Cousin", "Bérard", "Lebœuf", "Godefroy", "Pelletier", "Hoarau",
    "Saint-Martin", "D'Almeida", "Kervella", "Etcheverry",
)
EMAIL_DOMAINS = (("gmail.com", 30), ("orange.fr", 16), ("free.fr", 10), ("laposte.net", 8),
                 ("outlook.fr", 8), ("hotmail.fr", 8), ("sfr.fr", 6), ("yahoo.fr", 6),
                 ("wanadoo.fr", 4), ("icloud.com", 4))


@dataclass(frozen=True)
class Brand:
    name: str
    gs1_prefix: str  # 7 digits: a French GS1 prefix (300-379) and the company number
    categories: tuple[str, ...]


BRANDS: tuple[Brand, ...] = (
    Brand("Maison Verlaine", "3012345", ("Mode", "Accessoires")),
    Brand("Atelier Lune", "3045678", ("Maroquinerie", "Accessoires")),
    Brand("Célestine", "3251234", ("Beauté",)),
    Brand("Allure Paris", "3067890", ("Chaussures", "Mode")),
    Brand("Comptoir Marin", "3109876", ("Mode", "Maison")),
    Brand("Les Ateliers de Lyon", "3214567", ("Mode", "Maroquinerie")),
    Brand("Belle Île", "3321098", ("Maison", "Beauté")),
    Brand("Sœur Cécile", "3401234", ("Mode", "Accessoires")),
    Brand("Héritage 1924", "3523456", ("Chaussures", "Maroquinerie")),
    Brand("Rivages", "3617890", ("Mode", "Chaussures")),
    Brand("L'Herbier de Provence", "3760123", ("Beauté", "Maison")),
    Brand("Côté Sud", "3798765", ("Maison", "Accessoires")),
)

COLOURS = ("bleu marine", "noir", "écru", "camel", "bordeaux", "vert sauge", "gris chiné",
           "rose poudré", "kaki", "blanc", "terracotta", "bleu ciel", "moutarde", "chocolat")

# category → (SKU prefix, share of the catalogue, [(item, lowest price, highest price, coloured)])
CATEGORIES: dict[str, tuple[str, int, tuple[tuple[str, int, int, bool], ...]]] = {
    "Mode": ("MOD", 35, (
        ("Pull col rond en laine mérinos", 59, 119, True), ("Chemise en lin", 49, 89, True),
        ("Jean droit brut", 69, 129, False), ("Robe portefeuille fleurie", 59, 139, False),
        ("Veste en tweed", 149, 289, True), ("Trench-coat en coton", 159, 299, True),
        ("T-shirt en coton bio", 19, 39, True), ("Pantalon chino", 49, 89, True),
        ("Manteau en laine", 189, 399, True), ("Blouse en soie", 89, 179, True),
        ("Cardigan en cachemire", 149, 259, True), ("Jupe plissée", 49, 99, True),
        ("Sweat à capuche", 49, 89, True), ("Blazer ajusté", 129, 229, True),
        ("Marinière en coton", 39, 69, False), ("Doudoune légère", 99, 179, True),
    )),
    "Chaussures": ("CHA", 15, (
        ("Baskets en cuir", 89, 159, True), ("Mocassins en daim", 99, 179, True),
        ("Bottines à talon", 119, 219, True), ("Derbies en cuir", 109, 199, True),
        ("Escarpins vernis", 89, 169, True), ("Sandales tressées", 59, 119, True),
        ("Ballerines souples", 59, 109, True), ("Chelsea boots", 129, 229, True),
        ("Espadrilles en toile", 29, 59, True),
    )),
    "Beauté": ("BEA", 15, (
        ("Eau de parfum Fleur d'oranger 50 ml", 59, 119, False),
        ("Eau de toilette Vétiver 100 ml", 49, 99, False),
        ("Crème hydratante visage 50 ml", 29, 69, False), ("Sérum éclat 30 ml", 39, 89, False),
        ("Rouge à lèvres mat", 19, 39, False), ("Mascara volume", 19, 34, False),
        ("Huile sèche corps 100 ml", 24, 44, False),
        ("Palette de fards à paupières", 34, 59, False),
        ("Baume à lèvres au miel", 8, 15, False), ("Shampoing doux 250 ml", 12, 24, False),
        ("Coffret soin découverte", 49, 99, False),
    )),
    "Maison": ("MAI", 12, (
        ("Bougie parfumée figuier", 24, 49, False), ("Plaid en laine", 69, 149, True),
        ("Coussin en lin lavé", 29, 59, True), ("Vase en grès", 34, 79, True),
        ("Parure de lit en percale", 89, 189, True), ("Diffuseur de parfum", 29, 59, False),
        ("Mug en céramique", 12, 22, True), ("Nappe en coton enduit", 39, 79, True),
        ("Drap de bain", 19, 39, True),
    )),
    "Accessoires": ("ACC", 13, (
        ("Écharpe en cachemire", 79, 159, True), ("Ceinture en cuir", 39, 89, True),
        ("Bonnet côtelé", 19, 39, True), ("Lunettes de soleil", 59, 149, True),
        ("Montre bracelet cuir", 89, 249, True), ("Foulard en soie", 49, 119, True),
        ("Gants en cuir", 39, 79, True), ("Casquette en coton", 19, 35, True),
    )),
    "Maroquinerie": ("MAR", 10, (
        ("Sac cabas en cuir", 149, 349, True), ("Sac bandoulière", 99, 229, True),
        ("Portefeuille en cuir", 49, 99, True), ("Pochette de soirée", 59, 129, True),
        ("Sac à dos en cuir", 129, 279, True), ("Porte-cartes", 29, 59, True),
    )),
}

TIERS = ((3000, "platinum"), (1200, "gold"), (400, "silver"), (0, "member"))

# Customer service: kind → (channels, summaries). {product} and {order} are filled in.
INTERACTIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "complaint": (("phone", "email", "web", "store"), (
        "Colis livré abîmé, échange demandé",
        "Retard de livraison de la commande {order}",
        "Article reçu différent de la commande {order}",
        "Remboursement pas encore reçu après un retour",
        "Attente trop longue en caisse",
        "Fermeture éclair cassée après deux semaines : {product}",
    )),
    "request": (("email", "phone", "store", "web"), (
        "Demande de facture pour la commande {order}",
        "Changement d'adresse de livraison",
        "Disponibilité en taille M : {product}",
        "Demande de retouche d'ourlet",
        "Question sur le cumul des points de fidélité",
        "Mise de côté en magasin : {product}",
    )),
    "feedback": (("web", "app", "store"), (
        "Très satisfaite du conseil en magasin",
        "Avis 5 étoiles : {product}",
        "Suggestion : plus de grandes tailles en boutique",
        "Livraison rapide, merci",
        "Application pratique pour suivre les commandes",
    )),
    "call": (("phone",), (
        "Appel pour prévenir de l'arrivée en magasin : {product}",
        "Rappel : commande {order} prête à retirer",
        "Appel de courtoisie après achat",
        "Invitation à la soirée clients privilège",
    )),
    "email": (("email",), (
        "Envoi de la sélection personnalisée de la saison",
        "Relance du panier : {product}",
        "Invitation à la vente privée",
        "Confirmation du rendez-vous conseil beauté",
    )),
}
RETURN_REASONS = ("taille trop petite", "taille trop grande", "couleur différente de la photo",
                  "article défectueux", "ne convient pas", "cadeau en double")
SERVICE_AUTHORS = ("Service client", "Service client", "Conseillère en ligne")
