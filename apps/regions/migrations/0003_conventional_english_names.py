"""Cities named from Uyghur and Mongolian get their conventional English names (库尔勒 Korla,
not Ku'erlei): the names ``apps.regions.geography`` now gives, for databases loaded before."""

from django.db import migrations

# Chinese name: (English name read as pinyin before, conventional English name).
RENAMED = {
    "库尔勒市": ("Ku'erlei", "Korla"),
    "阿图什市": ("Atushen", "Artux"),
    "库车县": ("Kuche County", "Kuqa County"),
    "库车市": ("Kuche", "Kuqa"),
    "阿拉尔市": ("Ala'er", "Aral"),
    "霍尔果斯市": ("Huo'erguosi", "Khorgas"),
    "奎屯市": ("Kuitun", "Kuytun"),
    "乌苏市": ("Wusu", "Usu"),
    "格尔木市": ("Ge'ermu", "Golmud"),
    "锡林浩特市": ("Xilinhaote", "Xilinhot"),
    "二连浩特市": ("Erlianhaote", "Erenhot"),
    "乌兰浩特市": ("Wulanhaote", "Ulanhot"),
    "霍林郭勒市": ("Huolinguolei", "Holingol"),
    "额尔古纳市": ("E'erguna", "Ergun"),
    "阿尔山市": ("A'ershan", "Arxan"),
    "海拉尔区": ("Haila'er District", "Hailar District"),
}


def rename(apps, schema_editor, *, forward=True):
    City = apps.get_model("regions", "City")
    for name_zh, (pinyin, conventional) in RENAMED.items():
        old, new = (pinyin, conventional) if forward else (conventional, pinyin)
        City.objects.filter(name_zh=name_zh, name_en=old).update(name_en=new)


def forwards(apps, schema_editor):
    rename(apps, schema_editor, forward=True)


def backwards(apps, schema_editor):
    rename(apps, schema_editor, forward=False)


class Migration(migrations.Migration):
    dependencies = [("regions", "0002_historicalcity_historicalprovince_historicalzone")]

    operations = [migrations.RunPython(forwards, backwards)]
