#!/usr/bin/env bash
# Set up a class on one shared Linux machine, with real accounts and nbgrader's
# file exchange, exactly as the course's end-to-end test checks it
# (tests/classroom/test_shared_machine.py). Run as root.
#
#   classroom/setup-shared-machine.sh --instructor alice --students "bob carol dan"
#
# Options (defaults in brackets):
#   --instructor USER      the instructor's account (must exist)
#   --students "A B C"     the students' accounts (must exist)
#   --exchange DIR         nbgrader exchange root [/srv/nbgrader/exchange]
#   --course-dir DIR       the instructor's course folder [~instructor/cloudsec-course]
#   --config-dir DIR       nbgrader config every user loads [/etc/cloudsec/jupyter]
#   --venv DIR             Python environment all accounts run [/opt/cloudsec-venv]
#   --profile FILE         login script exporting the settings
#                          [/etc/profile.d/cloudsec-course.sh]
# What it does, and why:
#   - homes 0700: Debian's useradd makes them 0755, which would let students read
#     the instructor's source/ (hidden tests) and gradebook, and each other's work;
#   - exchange root 1777 (sticky): students can create entries but not rename or
#     delete the course's folders;
#   - inbound folder owned by the instructor, group <course>-instructors, mode 3733:
#     students can drop submissions but not list them, nor (sticky bit) rename or
#     delete someone else's, and (with the course's TrustedSubmit) each
#     submission is readable by its owner and instructors only;
#   - the roster is added to the gradebook, so a student who never submits is
#     exported with 0.
set -euo pipefail

COURSE_ID=cloudsec-d3
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
INSTRUCTOR="" STUDENTS="" EXCHANGE=/srv/nbgrader/exchange COURSE_DIR=""
CONFIG_DIR=/etc/cloudsec/jupyter VENV=/opt/cloudsec-venv
PROFILE=/etc/profile.d/cloudsec-course.sh

while [ $# -gt 0 ]; do
  case "$1" in
    --instructor) INSTRUCTOR=$2; shift 2 ;;
    --students) STUDENTS=$2; shift 2 ;;
    --exchange) EXCHANGE=$2; shift 2 ;;
    --course-dir) COURSE_DIR=$2; shift 2 ;;
    --config-dir) CONFIG_DIR=$2; shift 2 ;;
    --venv) VENV=$2; shift 2 ;;
    --profile) PROFILE=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ "$(id -u)" = 0 ] || { echo "run as root" >&2; exit 2; }
[ -n "$INSTRUCTOR" ] || { echo "--instructor is required" >&2; exit 2; }
HOME_I=$(getent passwd "$INSTRUCTOR" | cut -d: -f6)
COURSE_DIR=${COURSE_DIR:-$HOME_I/cloudsec-course}
GROUP="$COURSE_ID-instructors"

# 1. private homes
for user in "$INSTRUCTOR" $STUDENTS; do
  chmod 0700 "$(getent passwd "$user" | cut -d: -f6)"
done

# 2. the instructors' group
groupadd -f "$GROUP"
usermod -aG "$GROUP" "$INSTRUCTOR"

# 3. the Python environment every account runs (outside any home directory)
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet "$REPO"
fi
chmod 0755 "$VENV"

# 4. the exchange
mkdir -p "$EXCHANGE"
chown root:root "$EXCHANGE"
chmod 1777 "$EXCHANGE"
install -d -o "$INSTRUCTOR" -g "$GROUP" -m 0755 "$EXCHANGE/$COURSE_ID"
install -d -o "$INSTRUCTOR" -g "$GROUP" -m 0755 "$EXCHANGE/$COURSE_ID/outbound"
install -d -o "$INSTRUCTOR" -g "$GROUP" -m 0733 "$EXCHANGE/$COURSE_ID/inbound"
chmod g+s,+t "$EXCHANGE/$COURSE_ID/inbound"
install -d -o "$INSTRUCTOR" -g "$GROUP" -m 0711 "$EXCHANGE/$COURSE_ID/feedback"

# 5. the settings every account loads
install -d -m 0755 "$CONFIG_DIR"
cat > "$CONFIG_DIR/nbgrader_config.py" <<CONF
# Written by classroom/setup-shared-machine.sh
c = get_config()  # noqa: F821
c.CourseDirectory.course_id = "$COURSE_ID"
c.Exchange.root = "$EXCHANGE"
c.ExchangeFactory.submit = "cloudsec.grader.exchange.TrustedSubmit"
c.ExchangeFactory.collect = "cloudsec.grader.exchange.TrustedCollect"
CONF
chmod 0644 "$CONFIG_DIR/nbgrader_config.py"
mkdir -p "$(dirname "$PROFILE")"
cat > "$PROFILE" <<PROF
# Written by classroom/setup-shared-machine.sh
export JUPYTER_CONFIG_PATH="$CONFIG_DIR"
export PATH="$VENV/bin:\$PATH"
PROF
chmod 0644 "$PROFILE"

# 6. the instructor's course folder (hidden tests live here: keep it private)
install -d -o "$INSTRUCTOR" -g "$INSTRUCTOR" -m 0700 "$COURSE_DIR"
cp -r "$REPO/nbgrader_config.py" "$REPO/misconceptions.yaml" "$REPO/source" \
  "$REPO/release" "$COURSE_DIR/"
chown -R "$INSTRUCTOR:$INSTRUCTOR" "$COURSE_DIR"

# 7. the roster, so that students who never submit are exported with 0
for student in $STUDENTS; do
  runuser -u "$INSTRUCTOR" -- env -i HOME="$HOME_I" PATH="$VENV/bin:/usr/bin:/bin" \
    JUPYTER_CONFIG_PATH="$CONFIG_DIR" bash -c \
    "cd '$COURSE_DIR' && nbgrader db student add '$student' >/dev/null 2>&1"
done
echo "class ready: course $COURSE_ID in $COURSE_DIR, exchange $EXCHANGE"
