import { render } from 'preact';
import { Root } from './app';
import './styles.css';

const container = document.getElementById('app');
if (container !== null) render(<Root />, container);
