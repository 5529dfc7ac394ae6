"""Reference data for decoding a VIN's world manufacturer identifier (WMI, positions 1-3).

Plain data, no logic: :mod:`vincheck.vin` does the look-ups.

``COUNTRY_RANGES``: ISO 3780 country codes are ranges of the first two characters, in the
ISO 3780 order ``A-Z`` (without I, O, Q), then ``1-9``, then ``0``; e.g. ``("LA", "L0")``
covers every code from LA to L0. Each row is ``(first, last, country, region)``. The table is
**partial**: only ranges we are confident of are listed; a code outside every row still gets
its continent from ``REGION_BY_FIRST_CHAR`` and ``country`` None.

``MANUFACTURERS``: WMI -> maker, a **partial** table of common Chinese WMIs and major foreign
ones. Only WMIs we are confident of are listed; an unknown WMI decodes to ``maker`` None,
which never makes a VIN invalid. Makers producing fewer than 500 vehicles a year have a WMI
whose third character is ``9`` and are further identified by positions 12-14 (ISO 3780);
those are not listed here.
"""

from __future__ import annotations

# ISO 3780 ordering of the characters used in WMI ranges.
RANGE_ORDER = "ABCDEFGHJKLMNPRSTUVWXYZ1234567890"

# Continent by the first character (ISO 3780 zones).
REGION_BY_FIRST_CHAR: dict[str, str] = {
    **dict.fromkeys("ABCDEFGH", "Africa"),
    **dict.fromkeys("JKLMNPR", "Asia"),
    **dict.fromkeys("STUVWXYZ", "Europe"),
    **dict.fromkeys("12345", "North America"),
    **dict.fromkeys("67", "Oceania"),
    **dict.fromkeys("890", "South America"),
}

# (first, last, country, region); ranges of the first two characters, inclusive.
COUNTRY_RANGES: tuple[tuple[str, str, str, str], ...] = (
    # Africa
    ("AA", "AH", "South Africa", "Africa"),
    # Asia
    ("JA", "J0", "Japan", "Asia"),
    ("KA", "KE", "Sri Lanka", "Asia"),
    ("KF", "KK", "Israel", "Asia"),
    ("KL", "KR", "South Korea", "Asia"),
    ("KS", "K0", "Kazakhstan", "Asia"),
    ("LA", "L0", "China", "Asia"),
    ("MA", "ME", "India", "Asia"),
    ("MF", "MK", "Indonesia", "Asia"),
    ("ML", "MR", "Thailand", "Asia"),
    ("NA", "NE", "Iran", "Asia"),
    ("NF", "NK", "Pakistan", "Asia"),
    ("NL", "NR", "Turkey", "Asia"),
    ("PA", "PE", "Philippines", "Asia"),
    ("PF", "PK", "Singapore", "Asia"),
    ("PL", "PR", "Malaysia", "Asia"),
    ("RA", "RE", "United Arab Emirates", "Asia"),
    ("RF", "RK", "Taiwan", "Asia"),
    ("RL", "RM", "Vietnam", "Asia"),
    # Europe
    ("SA", "SM", "United Kingdom", "Europe"),
    ("SN", "ST", "Germany", "Europe"),  # formerly East Germany
    ("SU", "SZ", "Poland", "Europe"),
    ("TA", "TH", "Switzerland", "Europe"),
    ("TJ", "TP", "Czech Republic", "Europe"),
    ("TR", "TV", "Hungary", "Europe"),
    ("TW", "T1", "Portugal", "Europe"),
    ("UH", "UM", "Denmark", "Europe"),
    ("UN", "UT", "Ireland", "Europe"),
    ("UU", "UX", "Romania", "Europe"),
    ("U5", "U7", "Slovakia", "Europe"),
    ("VA", "VE", "Austria", "Europe"),
    ("VF", "VR", "France", "Europe"),
    ("VS", "VW", "Spain", "Europe"),
    ("WA", "W0", "Germany", "Europe"),
    ("XA", "XE", "Bulgaria", "Europe"),
    ("XF", "XK", "Greece", "Europe"),
    ("XL", "XR", "Netherlands", "Europe"),
    ("XS", "XW", "Russia", "Europe"),
    ("X3", "X0", "Russia", "Europe"),
    ("YA", "YE", "Belgium", "Europe"),
    ("YF", "YK", "Finland", "Europe"),
    ("YS", "YW", "Sweden", "Europe"),
    ("YX", "Y2", "Norway", "Europe"),
    ("Y6", "Y0", "Ukraine", "Europe"),
    ("ZA", "ZR", "Italy", "Europe"),
    # North America
    ("1A", "10", "United States", "North America"),
    ("2A", "20", "Canada", "North America"),
    ("3A", "3W", "Mexico", "North America"),
    ("4A", "40", "United States", "North America"),
    ("5A", "50", "United States", "North America"),
    # Oceania (7F-70 were later assigned to the United States, e.g. 7SA Tesla Austin)
    ("6A", "6W", "Australia", "Oceania"),
    ("7A", "7E", "New Zealand", "Oceania"),
    ("7F", "70", "United States", "North America"),
    # South America
    ("8A", "8E", "Argentina", "South America"),
    ("8F", "8K", "Chile", "South America"),
    ("8L", "8R", "Ecuador", "South America"),
    ("8S", "8W", "Peru", "South America"),
    ("8X", "82", "Venezuela", "South America"),
    ("9A", "9E", "Brazil", "South America"),
    ("9F", "9J", "Colombia", "South America"),
    ("9S", "9W", "Uruguay", "South America"),
    ("93", "99", "Brazil", "South America"),
)

# WMI -> manufacturer. Partial on purpose (see the module docstring).
MANUFACTURERS: dict[str, str] = {
    # --- China (GB 16735; WMI starts with L) ---
    "LFV": "FAW-Volkswagen",
    "LSV": "SAIC Volkswagen",
    "LSG": "SAIC-GM",
    "LRB": "SAIC-GM (Buick)",
    "LZW": "SAIC-GM-Wuling",
    "LSJ": "SAIC Motor (MG / Roewe)",
    "LGB": "Dongfeng Nissan",
    "LHG": "GAC Honda",
    "LVH": "Dongfeng Honda",
    "LVG": "GAC Toyota",
    "LFM": "FAW Toyota",
    "LTV": "FAW Toyota (Tianjin)",
    "LVS": "Changan Ford",
    "LVR": "Changan Mazda",
    "LS5": "Changan",
    "LBV": "BMW Brilliance",
    "LE4": "Beijing Benz",
    "LBE": "Beijing Hyundai",
    "LNB": "BAIC",
    "LDC": "Dongfeng Peugeot Citroen",
    "LJD": "Dongfeng Yueda Kia",
    "LGA": "Dongfeng",
    "LRW": "Tesla (Shanghai)",
    "LGX": "BYD",
    "LC0": "BYD",
    "LB3": "Geely",
    "L6T": "Geely",
    "LVV": "Chery",
    "LGW": "Great Wall",
    "LMG": "GAC Motor (Trumpchi)",
    "LJ1": "JAC",
    "LUZ": "Hozon (Neta)",
    "LPS": "Polestar",
    "LYV": "Volvo Cars (China)",
    "LSY": "Brilliance",
    "LZZ": "CNHTC (Sinotruk)",
    "LFW": "FAW Jiefang",
    # --- Japan ---
    "JHM": "Honda",
    "JH4": "Acura",
    "JTD": "Toyota",
    "JT2": "Toyota",
    "JN1": "Nissan",
    "JN8": "Nissan",
    "JM1": "Mazda",
    "JF1": "Subaru",
    "JA3": "Mitsubishi",
    "JYA": "Yamaha",
    # --- Korea ---
    "KMH": "Hyundai",
    "KNA": "Kia",
    "KND": "Kia",
    # --- India ---
    "MA1": "Mahindra",
    "MAT": "Tata",
    "MAL": "Hyundai (India)",
    "MD2": "Bajaj",
    # --- Europe ---
    "WVW": "Volkswagen",
    "WV1": "Volkswagen Commercial Vehicles",
    "WV2": "Volkswagen Commercial Vehicles",
    "WAU": "Audi",
    "WBA": "BMW",
    "WBS": "BMW M",
    "WBY": "BMW i",
    "WDB": "Mercedes-Benz",
    "WDD": "Mercedes-Benz",
    "W1K": "Mercedes-Benz",
    "WP0": "Porsche",
    "WP1": "Porsche",
    "W0L": "Opel",
    "WF0": "Ford (Germany)",
    "WMW": "MINI",
    "WME": "smart",
    "VF1": "Renault",
    "VF3": "Peugeot",
    "VF7": "Citroen",
    "VSS": "SEAT",
    "TMB": "Skoda",
    "YV1": "Volvo Cars",
    "YS3": "Saab",
    "ZFA": "Fiat",
    "ZAR": "Alfa Romeo",
    "ZFF": "Ferrari",
    "ZHW": "Lamborghini",
    "SAL": "Land Rover",
    "SAJ": "Jaguar",
    "SCA": "Rolls-Royce",
    "SCB": "Bentley",
    "SCC": "Lotus",
    "SCF": "Aston Martin",
    "XTA": "Lada (AvtoVAZ)",
    # --- North America ---
    "1G1": "Chevrolet",
    "1GC": "Chevrolet (trucks)",
    "1FA": "Ford",
    "1FM": "Ford",
    "1FT": "Ford (trucks)",
    "1FV": "Freightliner",
    "1HD": "Harley-Davidson",
    "1HG": "Honda (USA)",
    "1M8": "Motor Coach Industries",
    "1N4": "Nissan (USA)",
    "1C4": "Chrysler / Jeep / Dodge",
    "1J4": "Jeep",
    "2HG": "Honda (Canada)",
    "2T1": "Toyota (Canada)",
    "3VW": "Volkswagen (Mexico)",
    "3N1": "Nissan (Mexico)",
    "4T1": "Toyota (USA)",
    "4S3": "Subaru (USA)",
    "5YJ": "Tesla",
    "7SA": "Tesla",
    "5UX": "BMW (USA)",
    "5N1": "Nissan (USA)",
    "5NP": "Hyundai (USA)",
    # --- Oceania / South America ---
    "6FP": "Ford (Australia)",
    "9BW": "Volkswagen (Brazil)",
}
