"""Word lists for the seeder: countries with their people, cities, streets and number formats.

Compact and hand-written (no faker: it is slow to import and to run). In the formats, `#`
stands for a random digit and `@` for a random capital letter.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class City:
    name: str
    state: str
    postal: str  # format, e.g. "0#-###"


@dataclass(frozen=True, slots=True)
class Country:
    name: str
    weight: int
    lang: str
    phone: str  # format
    line_1: str  # "{n}" house number, "{s}" street
    line_2: tuple[str, ...]  # formats for the optional second line
    first_female: tuple[str, ...]
    first_male: tuple[str, ...]
    last: tuple[str, ...]
    cities: tuple[City, ...]
    streets: tuple[str, ...]
    domains: tuple[str, ...]
    feminine_suffixes: tuple[tuple[str, str], ...] = ()  # Polish -ski -> -ska


def _cities(*rows: tuple[str, str, str]) -> tuple[City, ...]:
    return tuple(City(*row) for row in rows)


def _words(text: str) -> tuple[str, ...]:
    return tuple(w.strip() for w in text.split(",") if w.strip())


COUNTRIES: tuple[Country, ...] = (
    Country(
        name="United States",
        weight=25,
        lang="en",
        phone="+1 (###) ###-####",
        line_1="{n} {s}",
        line_2=("Apt #@", "Suite ##0", "Unit ##", "Floor #"),
        first_female=_words(
            "Mary, Jennifer, Linda, Patricia, Emily, Olivia, Emma, Ava, Sophia, Madison, "
            "Abigail, Chloe, Grace, Harper, Zoë, Aaliyah, Mia, Evelyn"
        ),
        first_male=_words(
            "James, John, Robert, Michael, William, David, Joseph, Daniel, Matthew, Ethan, "
            "Noah, Liam, Logan, Mason, Jayden, Andre, Carlos, Tyler"
        ),
        last=_words(
            "Smith, Johnson, Williams, Brown, Jones, Garcia, Miller, Davis, Rodriguez, "
            "Martinez, Hernandez, Lopez, Wilson, Anderson, Thomas, Taylor, Moore, Jackson, "
            "Martin, Lee, Thompson, White, Harris, Clark, Lewis, Nguyen, O'Brien, Kim, Patel"
        ),
        cities=_cities(
            ("New York", "NY", "100##"),
            ("Los Angeles", "CA", "900##"),
            ("Chicago", "IL", "606##"),
            ("Houston", "TX", "770##"),
            ("Seattle", "WA", "981##"),
            ("Boston", "MA", "021##"),
            ("Austin", "TX", "787##"),
            ("San Francisco", "CA", "941##"),
            ("Denver", "CO", "802##"),
            ("Miami", "FL", "331##"),
        ),
        streets=_words(
            "Main St., Oak Avenue, Maple Street, Park Avenue, Elm Street, 2nd Street, "
            "Washington Blvd., Lake Shore Drive, Sunset Boulevard, Broadway, Pine Street, "
            "Cedar Lane, Hillside Road"
        ),
        domains=_words("gmail.com, yahoo.com, outlook.com, icloud.com, hotmail.com, aol.com"),
    ),
    Country(
        name="Poland",
        weight=18,
        lang="pl",
        phone="+48 ### ### ###",
        line_1="ul. {s} {n}",
        line_2=("m. ##", "lok. #"),
        first_female=_words(
            "Anna, Katarzyna, Małgorzata, Agnieszka, Zofia, Julia, Maja, Łucja, Magdalena, "
            "Joanna, Ewa, Aleksandra, Natalia, Weronika, Hanna"
        ),
        first_male=_words(
            "Piotr, Krzysztof, Andrzej, Tomasz, Paweł, Michał, Łukasz, Jakub, Kacper, "
            "Wojciech, Marcin, Grzegorz, Mateusz, Szymon, Bartosz"
        ),
        last=_words(
            "Nowak, Kowalski, Wiśniewski, Wójcik, Kowalczyk, Kamiński, Lewandowski, "
            "Zieliński, Szymański, Woźniak, Dąbrowski, Kozłowski, Jankowski, Mazur, "
            "Kwiatkowski, Krawczyk, Piotrowski, Grabowski, Nowicki, Pawłowski, Michalski"
        ),
        cities=_cities(
            ("Warsaw", "Mazowieckie", "0#-###"),
            ("Kraków", "Małopolskie", "3#-###"),
            ("Gdańsk", "Pomorskie", "80-###"),
            ("Wrocław", "Dolnośląskie", "5#-###"),
            ("Poznań", "Wielkopolskie", "6#-###"),
            ("Łódź", "Łódzkie", "9#-###"),
        ),
        streets=_words(
            "Marszałkowska, Piękna, Długa, Kwiatowa, Polna, Leśna, Słoneczna, Krótka, "
            "Szkolna, Ogrodowa, Mickiewicza, Kościuszki, Jana Pawła II, Grunwaldzka"
        ),
        domains=_words("gmail.com, wp.pl, onet.pl, interia.pl, o2.pl, outlook.com"),
        feminine_suffixes=(("ski", "ska"), ("cki", "cka"), ("dzki", "dzka")),
    ),
    Country(
        name="Germany",
        weight=14,
        lang="de",
        phone="+49 1## #######",
        line_1="{s} {n}",
        line_2=("Hinterhaus", "#. OG", "c/o Firma ###"),
        first_female=_words(
            "Sophie, Marie, Hannah, Emilia, Lena, Anna, Lea, Mia, Laura, Katharina, Jana"
        ),
        first_male=_words(
            "Lukas, Leon, Jonas, Finn, Paul, Felix, Maximilian, Jürgen, Stefan, Tobias, Niklas"
        ),
        last=_words(
            "Müller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner, Becker, Schulz, "
            "Hoffmann, Schäfer, Koch, Bauer, Richter, Klein, Wolf, Schröder, Neumann"
        ),
        cities=_cities(
            ("Berlin", "Berlin", "10###"),
            ("München", "Bayern", "80###"),
            ("Hamburg", "Hamburg", "20###"),
            ("Köln", "Nordrhein-Westfalen", "50###"),
            ("Frankfurt am Main", "Hessen", "60###"),
            ("Stuttgart", "Baden-Württemberg", "70###"),
        ),
        streets=_words(
            "Hauptstraße, Schulstraße, Gartenstraße, Bahnhofstraße, Dorfstraße, Bergstraße, "
            "Lindenstraße, Kirchweg, Goethestraße, Friedrichstraße"
        ),
        domains=_words("gmail.com, gmx.de, web.de, t-online.de, posteo.de"),
    ),
    Country(
        name="United Kingdom",
        weight=12,
        lang="en",
        phone="+44 7### ######",
        line_1="{n} {s}",
        line_2=("Flat #", "Flat ##@"),
        first_female=_words(
            "Olivia, Amelia, Isla, Ava, Mia, Ivy, Freya, Lily, Florence, Evie, Siobhan"
        ),
        first_male=_words(
            "Oliver, George, Harry, Noah, Jack, Leo, Arthur, Oscar, Charlie, Alfie, Rhys"
        ),
        last=_words(
            "Smith, Jones, Taylor, Brown, Williams, Wilson, Evans, Thomas, Roberts, Walker, "
            "Wright, Robinson, Hughes, Edwards, Green, Hall, Wood, Campbell"
        ),
        cities=_cities(
            ("London", "England", "SW# #@@"),
            ("Manchester", "England", "M# #@@"),
            ("Birmingham", "England", "B## #@@"),
            ("Edinburgh", "Scotland", "EH# #@@"),
            ("Bristol", "England", "BS# #@@"),
            ("Cardiff", "Wales", "CF## #@@"),
        ),
        streets=_words(
            "High Street, Station Road, Church Lane, Victoria Road, Baker Street, Mill Lane, "
            "Queen's Road, Kings Road, Park Road"
        ),
        domains=_words("gmail.com, btinternet.com, yahoo.co.uk, hotmail.co.uk, outlook.com"),
    ),
    Country(
        name="France",
        weight=10,
        lang="fr",
        phone="+33 6 ## ## ## ##",
        line_1="{n} {s}",
        line_2=("Bâtiment @", "Appartement ##", "Escalier #"),
        first_female=_words(
            "Léa, Chloé, Camille, Manon, Inès, Jade, Louise, Zoé, Élodie, Margaux, Anaïs"
        ),
        first_male=_words(
            "Jean, Pierre, Louis, Hugo, Lucas, Gabriel, Théo, Raphaël, Mathis, Noé, François"
        ),
        last=_words(
            "Martin, Bernard, Dubois, Thomas, Robert, Richard, Petit, Durand, Leroy, Moreau, "
            "Simon, Laurent, Lefèvre, Michel, Garnier, Faure, Rousseau"
        ),
        cities=_cities(
            ("Paris", "Île-de-France", "750##"),
            ("Lyon", "Auvergne-Rhône-Alpes", "6900#"),
            ("Marseille", "Provence-Alpes-Côte d'Azur", "130##"),
            ("Toulouse", "Occitanie", "310##"),
            ("Bordeaux", "Nouvelle-Aquitaine", "330##"),
            ("Lille", "Hauts-de-France", "590##"),
        ),
        streets=_words(
            "rue de Rivoli, rue de la Paix, avenue Victor Hugo, boulevard Saint-Michel, "
            "rue Nationale, rue du Moulin, place de la République, rue Pasteur"
        ),
        domains=_words("gmail.com, orange.fr, free.fr, laposte.net, sfr.fr, yahoo.fr"),
    ),
    Country(
        name="Spain",
        weight=8,
        lang="es",
        phone="+34 6## ### ###",
        line_1="{s}, {n}",
        line_2=("#º @", "Bajo @", "Escalera #"),
        first_female=_words("Lucía, María, Sofía, Martina, Paula, Carmen, Elena, Valeria"),
        first_male=_words("José, Antonio, Manuel, Javier, Alejandro, Pablo, Hugo, Álvaro"),
        last=_words(
            "García, Fernández, González, Rodríguez, López, Martínez, Sánchez, Pérez, Gómez, "
            "Martín, Jiménez, Ruiz, Hernández, Díaz, Muñoz"
        ),
        cities=_cities(
            ("Madrid", "Comunidad de Madrid", "280##"),
            ("Barcelona", "Cataluña", "080##"),
            ("Valencia", "Comunidad Valenciana", "460##"),
            ("Sevilla", "Andalucía", "410##"),
        ),
        streets=_words(
            "Calle Mayor, Gran Vía, Calle de Alcalá, Avenida de la Constitución, "
            "Calle Real, Paseo de Gracia, Calle del Sol"
        ),
        domains=_words("gmail.com, hotmail.es, yahoo.es, outlook.es, telefonica.net"),
    ),
    Country(
        name="Italy",
        weight=7,
        lang="it",
        phone="+39 3## ### ####",
        line_1="{s} {n}",
        line_2=("Scala @, Interno #", "Piano #"),
        first_female=_words("Giulia, Francesca, Chiara, Sofia, Aurora, Alessia, Martina"),
        first_male=_words("Giuseppe, Marco, Luca, Francesco, Alessandro, Matteo, Lorenzo"),
        last=_words(
            "Rossi, Russo, Ferrari, Esposito, Bianchi, Romano, Colombo, Ricci, Marino, "
            "Greco, Bruno, Gallo, Conti, De Luca"
        ),
        cities=_cities(
            ("Roma", "Lazio", "001##"),
            ("Milano", "Lombardia", "201##"),
            ("Napoli", "Campania", "801##"),
            ("Torino", "Piemonte", "101##"),
        ),
        streets=_words(
            "Via Roma, Via Garibaldi, Corso Italia, Via Mazzini, Via Dante, Viale Europa"
        ),
        domains=_words("gmail.com, libero.it, virgilio.it, alice.it, tiscali.it"),
    ),
    Country(
        name="Netherlands",
        weight=6,
        lang="nl",
        phone="+31 6 ########",
        line_1="{s} {n}",
        line_2=("#-hoog", "bus #"),
        first_female=_words("Emma, Tess, Sophie, Julia, Anna, Fenna, Noor, Saar"),
        first_male=_words("Daan, Sem, Lucas, Levi, Finn, Bram, Jesse, Thijs"),
        last=_words(
            "de Jong, Jansen, de Vries, van den Berg, van Dijk, Bakker, Visser, Smit, "
            "Meijer, de Boer, Mulder, de Groot"
        ),
        cities=_cities(
            ("Amsterdam", "Noord-Holland", "10## @@"),
            ("Rotterdam", "Zuid-Holland", "30## @@"),
            ("Utrecht", "Utrecht", "35## @@"),
            ("Eindhoven", "Noord-Brabant", "56## @@"),
        ),
        streets=_words(
            "Kalverstraat, Dorpsstraat, Kerkstraat, Molenweg, Prinsengracht, Stationsweg"
        ),
        domains=_words("gmail.com, ziggo.nl, kpnmail.nl, hotmail.nl, xs4all.nl"),
    ),
)

BRANDS: tuple[str, ...] = _words(
    "Nike, Adidas, Puma, Reebok, Fenty, Zara, H&M, Uniqlo, Levi's, Patagonia, "
    "The North Face, Apple, Samsung, Lego, IKEA, Sephora, L'Oréal"
)
INTERESTS: tuple[str, ...] = _words(
    "running, yoga, cycling, cooking, gaming, travel, photography, hiking, music, fashion"
)
DESCRIPTIONS: tuple[str, ...] = (
    "A frequent customer",
    "Prefers contact by email",
    "Wholesale buyer",
    "Asked not to be called before noon",
    "Met at the Berlin trade fair",
    "Returned two orders in 2024",
    "Employee discount",
    "Moved from the legacy CRM",
)
