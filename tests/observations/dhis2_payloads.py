"""DHIS2 dataValueSets from the DHIS2 Web API documentation ("Sending data values", "Sending bulks of data
values", "CSV data value format", "ADX data format"; dhis2-docs src/developer/web-api/data.md) and from
DHIS2's own test resources (dhis2-core dhis-test-integration, dxf2/datavalueset and adx), mapped to our
indicators and units by ``CODES``, and ``send``, which imports one of them. The ``coded`` fixture
(tests/observations/conftest.py) loads ``CODES``.
"""

from __future__ import annotations

import json

from django.contrib.auth.models import User

from nqtrack.observations.dhis2 import Dhis2Result, observations_import_dhis2
from nqtrack.observations.dhis2_options import Dhis2ImportOptions
from nqtrack.observations.formats.sniff import Kind
from nqtrack.programmes.models import Programme

# The documentation's demo ids: Measles, Dysentery and Cholera data elements; Ngelehun CHC and another
# facility; bRowv6yZOF2, the demo database's default category option combo in the CSV example. The codes
# (for idScheme=CODE) are written in the demo database's style for these tests.
CODES = """kind,dhis2_id,category_option_combo,code,name,dhis2_code
dataElement,f7n9E0hX8qk,,forest_cover,Measles → tỷ lệ che phủ rừng,DE_359596
dataElement,Ix2HsbDMLea,,urbanisation_rate,Dysentery → tỷ lệ đô thị hoá,DE_359706
dataElement,eY5ehpbEsB7,,poverty_rate,Cholera → tỷ lệ hộ nghèo,DE_359049
orgUnit,DiszpKrYNg8,,24,Ngelehun CHC → tỉnh Bắc Giang,OU_559
orgUnit,FNnj3jKGS7i,,220,→ huyện Sơn Động,OU_278371
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
SENDING_XML = """<dataValueSet xmlns="http://dhis2.org/schema/dxf/2.0" dataSet="pBOMPrpg1QX"
  completeDate="2014-02-03" period="201401" orgUnit="DiszpKrYNg8">
  <dataValue dataElement="f7n9E0hX8qk" value="12"/>
  <dataValue dataElement="Ix2HsbDMLea" value="14"/>
  <dataValue dataElement="eY5ehpbEsB7" value="16"/>
</dataValueSet>
"""
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
# dhis2-core dxf2/datavalueset/dataValueSetBNoHeader.csv: DHIS2's column order, no header row
# (firstRowIsHeader=false); BdfsJfj87js is an org unit our code table does not have. Its values (10001 …)
# are divided by 1000 to fit a percentage.
NO_HEADER_CSV = (
    '"f7n9E0hX8qk","201201","DiszpKrYNg8","","","10.001","john","2012-01-01","comment","false"\n'
    '"f7n9E0hX8qk","201201","BdfsJfj87js","","","10.002","john","2012-01-01","comment","false"\n'
    '"f7n9E0hX8qk","201202","DiszpKrYNg8","","","10.003","john","2012-01-01","comment","false"\n'
)
# The documentation's ADX example, shortened to data elements without disaggregation, with our codes.
ADX_DOC = """<adx xmlns="urn:ihe:qrph:adx:2015" exported="2015-02-08T19:30:00Z">
  <group orgUnit="OU_559" period="2015-01-01/P1Y" completeDate="2015-07-01" dataSet="(TB/HIV)VCCT">
    <dataValue dataElement="DE_359596" value="32"/>
    <dataValue dataElement="DE_359706" value="20"><annotation>Ghi chú ADX</annotation></dataValue>
    <dataValue dataElement="DE_359049" GENDER="FMLE" HIV_AGE="AGE0-14" value="10"/>
  </group>
  <group orgUnit="OU_278371" period="2015-01-01/P3M" dataSet="(TB/HIV)VCCT">
    <dataValue dataElement="DE_359596" value="33"/>
  </group>
</adx>
"""


def send(
    programme: Programme,
    user: User,
    document: object,
    *,
    dry_run: bool = False,
    atomic: bool = False,
    kind: Kind = Kind.DHIS2_JSON,
    options: Dhis2ImportOptions | None = None,
) -> Dhis2Result:
    """Import ``document`` (a JSON-ready object, or the text of a CSV, XML or ADX payload)."""
    data = json.dumps(document).encode() if kind is Kind.DHIS2_JSON else str(document).encode()
    return observations_import_dhis2(
        user=user,
        programme=programme,
        name="dvs.json",
        data=data,
        kind=kind,
        options=options or Dhis2ImportOptions(dry_run=dry_run, atomic=atomic),
    )
