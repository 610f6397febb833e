"""The place of a contract (its city, or the city its district belongs to) as a column that
PostgreSQL keeps, whatever writes the row (a save, an import, COPY, SQL), with the indexes a
city's list is read in: "the city with its districts" becomes one equality, so any page of any
city, in any order the API offers, is read from an index in that order.

The column is the database's: Django does not know it (no field, no form, no history);
``ContractFilterSet``'s city filter reads it (``Contract.PLACE_COLUMN``).
"""

from django.db import migrations

FORWARD = """
ALTER TABLE agreements_contract ADD COLUMN place_id bigint;
CREATE FUNCTION agreements_contract_place() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.place_id := (SELECT COALESCE(parent_id, id) FROM regions_city WHERE id = NEW.city_id);
    RETURN NEW;
END
$$;
CREATE TRIGGER agreements_contract_place BEFORE INSERT OR UPDATE OF city_id, place_id
    ON agreements_contract FOR EACH ROW EXECUTE FUNCTION agreements_contract_place();
UPDATE agreements_contract AS contract SET place_id = COALESCE(city.parent_id, city.id)
    FROM regions_city AS city WHERE city.id = contract.city_id;
CREATE INDEX agreements_con_place_signed ON agreements_contract (place_id, signed_on, id);
CREATE INDEX agreements_con_place_latest ON agreements_contract
    (place_id, signed_on DESC, number);
CREATE INDEX agreements_con_place_number ON agreements_contract (place_id, number);
CREATE INDEX agreements_con_place_end ON agreements_contract (place_id, end_on, id);
"""

BACKWARD = """
DROP TRIGGER agreements_contract_place ON agreements_contract;
DROP FUNCTION agreements_contract_place();
ALTER TABLE agreements_contract DROP COLUMN place_id;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0008_merge_transfer_mode_and_lifecycle"),
        ("regions", "0001_initial"),
    ]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
