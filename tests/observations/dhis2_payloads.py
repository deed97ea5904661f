"""DHIS2 dataValueSets from the DHIS2 Web API documentation ("Sending data values", "Sending bulks of data
values"; dhis2-docs src/developer/web-api/data.md), mapped to our indicators and units by ``CODES``, and
``send``, which imports one of them. The ``coded`` fixture (tests/observations/conftest.py) loads ``CODES``.
"""

from __future__ import annotations

import json

from django.contrib.auth.models import User

from nqtrack.observations.dhis2 import Dhis2Result, observations_import_dhis2
from nqtrack.observations.formats.sniff import Kind
from nqtrack.programmes.models import Programme

# The documentation's demo ids: Measles, Dysentery and Cholera data elements; Ngelehun CHC and another
# facility; bRowv6yZOF2, the demo database's default category option combo in the CSV example.
CODES = """kind,dhis2_id,category_option_combo,code,name
dataElement,f7n9E0hX8qk,,forest_cover,Measles → tỷ lệ che phủ rừng
dataElement,Ix2HsbDMLea,,urbanisation_rate,Dysentery → tỷ lệ đô thị hoá
dataElement,eY5ehpbEsB7,,poverty_rate,Cholera → tỷ lệ hộ nghèo
orgUnit,DiszpKrYNg8,,24,Ngelehun CHC → tỉnh Bắc Giang
orgUnit,FNnj3jKGS7i,,220,→ huyện Sơn Động
defaultCombo,bRowv6yZOF2,,,
"""
SENDING = {
    "dataSet": "pBOMPrpg1QX",
    "completeDate": "2014-02-03",
    "period": "201401",
    "orgUnit": "DiszpKrYNg8",
    "dataValues": [
        {"dataElement": "f7n9E0hX8qk", "value": "1"},
        {"dataElement": "Ix2HsbDMLea", "value": "2"},
        {"dataElement": "eY5ehpbEsB7", "value": "3"},
    ],
}
BULK = {
    "dataValues": [
        {"dataElement": "f7n9E0hX8qk", "period": "201401", "orgUnit": "DiszpKrYNg8", "value": "12"},
        {"dataElement": "f7n9E0hX8qk", "period": "201401", "orgUnit": "FNnj3jKGS7i", "value": "14"},
        {"dataElement": "f7n9E0hX8qk", "period": "201402", "orgUnit": "DiszpKrYNg8", "value": "16"},
        {"dataElement": "f7n9E0hX8qk", "period": "201402", "orgUnit": "Jkhdsf8sdf4", "value": "18"},
    ]
}
BULK_CSV = (
    '"dataelement","period","orgunit","categoryoptioncombo","attributeoptioncombo","value"\n'
    '"f7n9E0hX8qk","201401","DiszpKrYNg8","bRowv6yZOF2","bRowv6yZOF2","1"\n'
    '"Ix2HsbDMLea","201401","DiszpKrYNg8","bRowv6yZOF2","bRowv6yZOF2","2"\n'
    '"eY5ehpbEsB7","201401","DiszpKrYNg8","bRowv6yZOF2","bRowv6yZOF2","3"\n'
)


def send(
    programme: Programme, user: User, document: object, *, dry_run: bool = False, kind: Kind = Kind.DHIS2_JSON
) -> Dhis2Result:
    data = json.dumps(document).encode() if kind is Kind.DHIS2_JSON else str(document).encode()
    return observations_import_dhis2(
        user=user, programme=programme, name="dvs.json", data=data, kind=kind, dry_run=dry_run
    )
