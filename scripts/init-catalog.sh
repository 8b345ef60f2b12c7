#!/bin/sh
# Start the catalog of a new interface language from the English one: every msgid of
# locale/en/LC_MESSAGES/django.po with an empty msgstr (as many msgstr[n] as the language has
# plural forms), then compile. Never overwrites an existing catalog (and never use makemessages).
#   scripts/init-catalog.sh LANG "Language name" "nplurals=N; plural=(...);"
set -eu
lang=$1 name=$2 plural=$3
target=locale/$lang/LC_MESSAGES/django.po
[ -e "$target" ] && { echo "$target exists" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Empty every msgstr, keep the header; set the language's plural rule so msginit writes all forms.
msgfilter --keep-header -i locale/en/LC_MESSAGES/django.po -o "$tmp/en-empty.po" sed -e d
PLURAL=$plural NAME=$name awk '
    /^"Plural-Forms: / { print "\"Plural-Forms: " ENVIRON["PLURAL"] "\\n\""; next }
    /^# English UI strings/ { sub(/English/, ENVIRON["NAME"]) }
    { print }' "$tmp/en-empty.po" > "$tmp/django.pot"
mkdir -p "locale/$lang/LC_MESSAGES"
msginit --no-translator --locale="$lang" -i "$tmp/django.pot" -o "$target"
sed -i -e 's|^"Last-Translator: .*|"Last-Translator: familie_portal\\n"|' \
       -e "s|^\"Language-Team: .*|\"Language-Team: $name\\\\n\"|" "$target"
msgfmt --check -o "locale/$lang/LC_MESSAGES/django.mo" "$target"
