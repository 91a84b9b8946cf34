//! `sqlx::migrate!` embeds the migrations folder at compile time, but cargo does not know to
//! rebuild when a migration is added: without this, a build can ship without the newest one.
fn main() {
    println!("cargo:rerun-if-changed=../../migrations");
}
