//! A `.zip` archive of a few small text files, as every unzip tool reads it (PKWARE APPNOTE 6.3).
//!
//! Written here rather than with a zip crate: only what a download needs (no reading, no
//! encryption, no ZIP64), with the deflate code the planner already carries for share links.

use time::PrimitiveDateTime;

/// CRC-32 as zip files use it (ISO-HDLC), computed bit by bit: no 1 KB table in the module.
const CRC32: crc::Crc<u32, crc::NoTable> =
    crc::Crc::<u32, crc::NoTable>::new(&crc::CRC_32_ISO_HDLC);

/// Version 2.0 of the format: deflate and folders.
const VERSION_NEEDED: u16 = 20;
/// Made on Unix (3) by version 2.0 software, so that unzip reads the file modes below.
const VERSION_MADE_BY: u16 = (3 << 8) | 20;
/// File names are UTF-8 (general purpose bit 11).
const UTF8_NAMES: u16 = 1 << 11;
/// A regular file readable by all, writable by its owner (`-rw-r--r--`).
const FILE_MODE: u32 = 0o100644 << 16;
const STORED: u16 = 0;
const DEFLATED: u16 = 8;

/// The archive of `files` (path inside the archive, contents), each dated `modified`. Each file
/// is deflated, or stored as it is when deflating would not make it smaller.
pub fn archive(files: &[(&str, &[u8])], modified: PrimitiveDateTime) -> Vec<u8> {
    let (time, date) = dos_time(modified);
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in files {
        let offset = out.len() as u32;
        let crc = CRC32.checksum(data);
        let deflated = miniz_oxide::deflate::compress_to_vec(data, 9);
        let (method, body) = if deflated.len() < data.len() {
            (DEFLATED, deflated.as_slice())
        } else {
            (STORED, *data)
        };
        let name = name.as_bytes();
        // The fields the local header and the central directory share, in the same order.
        let mut common = Vec::with_capacity(26);
        for half in [VERSION_NEEDED, UTF8_NAMES, method, time, date] {
            common.extend_from_slice(&half.to_le_bytes());
        }
        for word in [crc, body.len() as u32, data.len() as u32] {
            common.extend_from_slice(&word.to_le_bytes());
        }
        common.extend_from_slice(&(name.len() as u16).to_le_bytes());
        common.extend_from_slice(&0u16.to_le_bytes()); // no extra field

        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        out.extend_from_slice(&common);
        out.extend_from_slice(name);
        out.extend_from_slice(body);

        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&VERSION_MADE_BY.to_le_bytes());
        central.extend_from_slice(&common);
        // No comment, disk 0, no internal attributes.
        central.extend_from_slice(&[0; 6]);
        central.extend_from_slice(&FILE_MODE.to_le_bytes());
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name);
    }
    let (central_at, central_len, count) =
        (out.len() as u32, central.len() as u32, files.len() as u16);
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]); // this disk, the directory's disk
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&central_len.to_le_bytes());
    out.extend_from_slice(&central_at.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // no comment
    out
}

/// The CRC-32 of `data`, as the archive records it.
pub fn crc32(data: &[u8]) -> u32 {
    CRC32.checksum(data)
}

/// MS-DOS time and date, as zip records them: two-second steps, years 1980 to 2107.
fn dos_time(at: PrimitiveDateTime) -> (u16, u16) {
    let year = at.year().clamp(1980, 2107) as u16;
    let time =
        (u16::from(at.hour()) << 11) | (u16::from(at.minute()) << 5) | u16::from(at.second() / 2);
    let date = ((year - 1980) << 9) | (u16::from(u8::from(at.month())) << 5) | u16::from(at.day());
    (time, date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn crc32_is_the_zip_checksum() {
        // The check value of CRC-32/ISO-HDLC.
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn dos_time_packs_date_and_time() {
        let (time, date) = dos_time(datetime!(2026-12-07 16:55:39));
        assert_eq!(time, (16 << 11) | (55 << 5) | 19);
        assert_eq!(date, (46 << 9) | (12 << 5) | 7);
    }
}
