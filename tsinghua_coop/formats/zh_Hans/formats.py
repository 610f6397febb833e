# Where the portal writes dates other than Django's Chinese formats do: "6月30日", as Chinese
# is written, not "06月30日". Everything not named here stays Django's.
MONTH_DAY_FORMAT = "n月j日"
