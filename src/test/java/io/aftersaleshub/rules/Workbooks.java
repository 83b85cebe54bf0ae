package io.aftersaleshub.rules;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** The shipped workbook with cells changed, as an analyst would in a spreadsheet, and the multipart upload of it. */
final class Workbooks {

    private Workbooks() {
    }

    static byte[] shipped() {
        return read(Path.of("rules/offers.drl.xlsx"));
    }

    static String shippedCases() {
        try {
            return Files.readString(Path.of("rules/offers.cases.csv"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first row of the shipped workbook, and others by name: tests find cells by row name and column label, not letter. */
    static final String WARRANTY_ROW = "Espresso: warranty extension at registration";

    /**
     * The address of the cell in the row named {@code rowName} under the column labelled {@code label} (the
     * template's label row) of the shipped workbook, e.g. {@code K10}, so that tests survive new rows and columns.
     */
    static String cell(String rowName, String label) {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(shipped()))) {
            Sheet sheet = wb.getSheetAt(0);
            int labelRow = -1;
            int col = -1;
            int row = -1;
            for (Row r : sheet) {
                for (var c : r) {
                    String text = c.getCellType() == org.apache.poi.ss.usermodel.CellType.STRING ? c.getStringCellValue().trim() : "";
                    if (labelRow < 0 && text.equals(label)) {
                        labelRow = r.getRowNum();
                        col = c.getColumnIndex();
                    }
                    if (c.getColumnIndex() == 0 && text.equals(rowName)) {
                        row = r.getRowNum();
                    }
                }
            }
            if (col < 0 || row < 0) {
                throw new IllegalArgumentException("no cell for row '" + rowName + "' and column '" + label + "'");
            }
            return CellReference.convertNumToColString(col) + (row + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code withCells(wb, "D10", "EM-1000", "K10", "35")}: the first sheet with those cells set as text. */
    static byte[] withCells(byte[] workbook, String... cellsAndValues) {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(workbook)); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.getSheetAt(0);
            for (int i = 0; i < cellsAndValues.length; i += 2) {
                CellReference ref = new CellReference(cellsAndValues[i]);
                Row row = sheet.getRow(ref.getRow()) != null ? sheet.getRow(ref.getRow()) : sheet.createRow(ref.getRow());
                var cell = row.getCell(ref.getCol()) != null ? row.getCell(ref.getCol()) : row.createCell(ref.getCol());
                cell.setCellValue(cellsAndValues[i + 1]);
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HttpEntity<MultiValueMap<String, Object>> upload(String name, byte[] workbook, String cases) {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("workbook", file(name, workbook));
        if (cases != null) {
            parts.add("cases", file(WorkbookSource.casesNameFor(name), cases.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return new HttpEntity<>(parts, headers);
    }

    private static ByteArrayResource file(String name, byte[] content) {
        return new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return name;
            }
        };
    }
}
